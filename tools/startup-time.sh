#!/usr/bin/env sh
# Seconds from launching `./openliveness serve --dev` until the API answers an HTTP request,
# RUNS times (default 5) on a fresh data directory each time, then the median.
# Usage: tools/startup-time.sh [RUNS]   (LAUNCH="java -jar other.jar" measures another launch command)
set -e
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
port="${PORT:-18181}"
times=""
i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  data="$(mktemp -d)"
  start=$(date +%s.%N)
  ${LAUNCH:-"$here/openliveness"} serve --dev --data-dir "$data/data" --port "$port" --management.server.port=0 >"$data/log" 2>&1 &
  pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/v1/verifications/liveness/x"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the server exited; see $data/log" >&2; exit 1; fi
    sleep 0.05
  done
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  echo "run $i: ${t}s"
  times="$times $t"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
echo "$times" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median of %d: %.2fs\n", NR, m}'
