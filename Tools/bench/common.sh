# Shared by the benchmark scripts: toolchain on PATH, hyperfine and jq present, a release build, a scratch
# folder removed on exit ($work), and `median FILE` reading hyperfine's exported median in milliseconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH=/opt/swift/usr/bin:$PATH
for tool in hyperfine jq bc; do
  command -v "$tool" >/dev/null || apt-get install -y "$tool" >/dev/null 2>&1 || { echo "install $tool first" >&2; exit 1; }
done
swift build -c release --static-swift-stdlib >/dev/null
bin=$PWD/.build/release/decisionlog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { jq -r '.results[0].median * 1000 | . * 100 | round / 100' "$1"; }
