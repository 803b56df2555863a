#!/usr/bin/env bash
# Benchmark of POST /api/v1/check with wrk on loopback (issue 4: >= 20,000 requests/s, p99 < 10 ms
# on the 2-core machine). Builds the release binary, starts `pause serve` on a fresh SQLite file
# (or --database URL) with the example policy saved as the version in force, runs wrk, stops.
#   scripts/bench-serve.sh [--database URL] [DURATION=20s CONNECTIONS=32 DRAFT=typical|risky]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "error: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -p pause-cli
dir="$(mktemp -d)"
db="sqlite://$dir/pause.db"
[ "${1:-}" = "--database" ] && db="$2"
pause="$target/release/pause"
port=18$((RANDOM % 900 + 100))
printf '%s\n' "benchmark password" | "$pause" users add bench@example.nhs.uk --role comms --database "$db" > /dev/null 2>&1 || true  # may exist already
RUST_LOG=warn "$pause" serve --bind "127.0.0.1:$port" --database "$db" 2> "$dir/serve.log" &
pid=$!
trap 'kill $pid 2> /dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
# Save examples/policy.toml as the policy in force, through the policy page as comms would.
jar="$dir/cookies"
url="http://127.0.0.1:$port"
csrf=$(curl -fs -c "$jar" "$url/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d'"' -f4)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=bench@example.nhs.uk" \
    --data-urlencode "password=benchmark password" --data-urlencode "csrf=$csrf" "$url/login"
csrf=$(curl -fs -b "$jar" "$url/policy" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d'"' -f4)
curl -fs -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "toml@examples/policy.toml" \
    "$url/policy/import"
echo "policy version in force: $(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"text":"x"}' "$url/api/v1/check" | grep -i pause-policy-version)"
# Warm up, then measure.
wrk -t1 -c"${CONNECTIONS:-32}" -d3s -s crates/pause-server/bench/check.lua "http://127.0.0.1:$port/api/v1/check" > /dev/null
wrk -t1 -c"${CONNECTIONS:-32}" -d"${DURATION:-20s}" --latency -s crates/pause-server/bench/check.lua \
    "http://127.0.0.1:$port/api/v1/check"
