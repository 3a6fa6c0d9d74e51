# Shared by the reliability harnesses: the executable to test ($bin: the one named, else the release build,
# built when missing), a scratch folder removed on exit ($work) holding a new log ($DECISIONLOG_DIR) for the
# actor "$1" — kept in the PostgreSQL database $DECISIONLOG_TEST_STORE names, when set (a database of its
# own: the log is the database's only one) — `lines` (the log's lines, byte for byte) and `fail MESSAGE`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ -z "${bin:-}" ]; then
  export PATH=/opt/swift/usr/bin:$PATH
  swift build -c release --static-swift-stdlib --product decisionlog >/dev/null
  bin=$PWD/.build/release/decisionlog
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The harness's decider is kept in settings of its own, never in those of the person running it.
export DECISIONLOG_DIR=$work/.decisionlog DECISIONLOG_IDENTITY=reliability-harness TZ=UTC XDG_CONFIG_HOME=$work/.config
"$bin" init --actor "$1" --role PM ${DECISIONLOG_TEST_STORE:+--store "$DECISIONLOG_TEST_STORE"} >/dev/null
lines() { "$bin" log --format jsonl; }
fail() { echo "FAIL: $*" >&2; exit 1; }
