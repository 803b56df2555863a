#!/usr/bin/env bash
# The service's tests (`pause serve`, issue 4) on a fresh Debian machine: installs what they
# need from Debian's packages when missing (PostgreSQL server binaries, Chromium, Node.js),
# then runs
#   1. the Rust tests of pause-store and pause-server (real SQLite files and throwaway
#      PostgreSQL clusters that the tests start themselves on free loopback ports),
#   2. the process tests of `pause serve` / `pause users` (crates/pause-cli/tests/serve.rs),
#   3. the browser tests in headless Chromium (crates/pause-server/tests/browser): browser.mjs,
#      then speakup.mjs (speaking up, with its own key and org chart).
#
#   scripts/test-serve.sh                 # all of it
#   scripts/test-serve.sh --install-only  # only install what is missing (CI runs this first)
#   scripts/test-serve.sh --browser-only  # only 3. (CI: scripts/test already ran 1. and 2.)
#   UPDATE_SCREENSHOTS=1 scripts/test-serve.sh   # also rewrite docs/serve/*.png
#
# Nothing is skipped: without PostgreSQL the PostgreSQL tests fail and say why.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || missing+=(postgresql)
command -v chromium > /dev/null || missing+=(chromium)
command -v node > /dev/null || missing+=(nodejs)
command -v npm > /dev/null || missing+=(npm)
if ((${#missing[@]})); then
    echo "== installing ${missing[*]} (Debian packages)"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The tests run their own clusters; as root they run them as the `postgres` OS user, which the
# Debian package creates.
if [ "$(id -u)" = 0 ] && ! id postgres > /dev/null 2>&1; then
    echo "error: running as root, the PostgreSQL tests need the 'postgres' OS user (apt-get install postgresql creates it)" >&2
    exit 2
fi
[ "${1:-}" = "--install-only" ] && exit 0

target="${CARGO_TARGET_DIR:-target}"
if [ "${1:-}" != "--browser-only" ]; then
    echo "== pause-store and pause-server: SQLite and PostgreSQL"
    cargo test -p pause-store -p pause-server
    echo "== pause serve and pause users as processes"
    cargo test -p pause-cli --test serve
fi
echo "== browser tests (headless Chromium)"
cargo build -p pause-cli
(cd crates/pause-server/tests/browser && npm ci --no-audit --no-fund --loglevel=error)
shots="docs/serve"
[ "${UPDATE_SCREENSHOTS:-}" = 1 ] || shots="$(mktemp -d)"
PAUSE_BIN="$target/debug/pause" node crates/pause-server/tests/browser/browser.mjs --screenshots "$shots"
PAUSE_BIN="$target/debug/pause" node crates/pause-server/tests/browser/speakup.mjs --screenshots "$shots"
