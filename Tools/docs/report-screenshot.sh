#!/usr/bin/env bash
# Draws the screenshot of the retrospective report shown in the README: imports the team spreadsheet fixture
# (Tests/DecisionLogCLITests/Fixtures/team-decisions-fixed.csv) into a throwaway log, writes the report of
# 2025 and photographs it with headless Chromium (Debian's chromium package).
#
#   bash Tools/docs/report-screenshot.sh [OUTPUT]      # default docs/report.png; also writes OUTPUT's .html
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH=/opt/swift/usr/bin:$PATH
output=${1:-docs/report.png}
command -v chromium >/dev/null || { echo "needs chromium: apt-get install chromium" >&2; exit 1; }
swift build --product decisionlog >/dev/null
bin=$PWD/.build/debug/decisionlog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DECISIONLOG_DIR=$work/.decisionlog
"$bin" init --time-zone Europe/Berlin --fiscal-year-start january >/dev/null
"$bin" import Tests/DecisionLogCLITests/Fixtures/team-decisions-fixed.csv \
  --map "Date=effective" --map "Decision type=type" --map "Decided by=actor" --map "Launch date=date" --map "Priority=to" \
  --map "Superseded by=by" --map "Retracts=event" --map "Why=reason" --map "Ref=id" --map "Notes=" >/dev/null
"$bin" report --from 2024 --to 2025 -o "${output%.png}.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" --window-size=1200,2250 \
  --screenshot="$PWD/$output" "file://$PWD/${output%.png}.html" 2>/dev/null
echo "wrote $output and ${output%.png}.html"
