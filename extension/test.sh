#!/usr/bin/env bash
# Everything the browser extension needs tested, from a fresh Debian machine: installs what is
# missing (Debian's chromium, the wasm32 target, wasm-bindgen-cli at the Cargo.lock version, the
# npm devDependencies from package-lock.json), builds the WebAssembly engine and the CLI, then
#   1. tests/corpus.test.mjs: the built .wasm (run in Node) matches `pause check --jsonl` on
#      every post of tests/corpus/ (defaults and examples/policy.toml);
#   2. tests/e2e.test.mjs: the unpacked extension in headless Chromium on local pages that
#      reproduce each site's compose markup; screenshots to docs/extension/, figures to
#      extension/test-results/measurements.json.
# Exits non-zero on any failure. Honours CARGO_TARGET_DIR.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

if ! command -v chromium >/dev/null; then
    echo "== installing Debian's chromium" >&2
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "error: node and npm are needed (apt-get install nodejs npm)" >&2
    exit 2
fi

cd "$here"
if ! cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
    echo "== npm ci (playwright-core, react for the test pages, binaryen for wasm-opt)" >&2
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.installed-from-lock
fi

"$here/build.sh"

echo "== building the pause CLI (debug) for the comparison" >&2
(cd "$root" && cargo build -q -p pause-cli)
export PAUSE_BIN="$CARGO_TARGET_DIR/debug/pause"

echo "== the wasm build against the native engine, whole corpus" >&2
node --test tests/corpus.test.mjs
echo "== end to end in headless Chromium" >&2
node --test --test-concurrency=1 tests/e2e.test.mjs
