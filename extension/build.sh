#!/usr/bin/env bash
# Builds the engine for the browser: crates/pause-wasm -> extension/pkg/ (pause_wasm.js and
# pause_wasm_bg.wasm, wasm-bindgen's "no-modules" output, which an MV3 content script can load).
#
# Installs what it needs when missing: the wasm32-unknown-unknown target (rustup) and
# wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (cargo install, from
# crates.io). wasm-opt (npm package `binaryen`, a devDependency here) shrinks the module further
# when `npm ci` has been run; without it the build still works, a little larger.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "== installing the wasm32-unknown-unknown target" >&2
    rustup target add wasm32-unknown-unknown
fi

version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$version" ]; then
    echo "error: no wasm-bindgen in Cargo.lock" >&2
    exit 2
fi
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$version" ]; then
    echo "== installing wasm-bindgen-cli $version (once; a few minutes)" >&2
    cargo install wasm-bindgen-cli --version "$version"
fi

echo "== building pause-wasm for wasm32 (profile wasm-release)" >&2
cargo build -p pause-wasm --target wasm32-unknown-unknown --profile wasm-release
raw="$target_dir/wasm32-unknown-unknown/wasm-release/pause_wasm.wasm"

out="$here/pkg"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target no-modules --no-typescript --out-dir "$out" "$raw"

wasm_opt="$here/node_modules/.bin/wasm-opt"
if [ -x "$wasm_opt" ]; then
    echo "== wasm-opt -Os" >&2
    "$wasm_opt" -Os --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$out/pause_wasm_bg.wasm" -o "$out/pause_wasm_bg.opt.wasm"
    mv "$out/pause_wasm_bg.opt.wasm" "$out/pause_wasm_bg.wasm"
else
    echo "note: no $wasm_opt (run npm ci in extension/): skipping wasm-opt" >&2
fi

size="$(stat -c %s "$out/pause_wasm_bg.wasm")"
gz="$(gzip -9 -c "$out/pause_wasm_bg.wasm" | wc -c)"
echo "== extension/pkg/pause_wasm_bg.wasm: $size bytes, $gz gzipped" >&2
