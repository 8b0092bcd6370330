#!/usr/bin/env bash
# A soak: a fresh `openliveness serve` (-Xmx512m) under `openliveness load --duration` at a fixed
# session rate, with the live heap sampled every 2 minutes: `jcmd GC.class_histogram` runs a full
# GC and counts what survives in one step (GC.run then GC.heap_info would also count what the
# service allocated between the two commands: tens of MB under load). Each sample costs the
# service a full GC.
#   tools/soak.sh DURATION RATE [SESSIONS] [PORTRAIT]   e.g. tools/soak.sh 10m 6.5 300 portrait.jpg
# One API key (tenant) per pass over the rendered sessions, so no photo is a replay.
set -euo pipefail
duration="$1"
rate="$2"
sessions="${3:-300}"
here="$(cd "$(dirname "$0")/.." && pwd)"
portrait="${4:-$here/engine/target/samples/sample5.jpg}"
jar="${OPENLIVENESS_JAR:-$here/cli/target/openliveness.jar}"
work="$(mktemp -d)"
# Outside dev mode the service needs its keys configured, kept outside the data directory.
mkdir -p "$work/keys"
java -jar "$jar" keys generate >"$work/keys/photo.keys"
chmod 600 "$work/keys/photo.keys"
export OPENLIVENESS_STORAGE_KEYFILE="$work/keys/photo.keys"
OPENLIVENESS_OAUTH_SIGNINGKEY="$(java -jar "$jar" keys generate)"
export OPENLIVENESS_OAUTH_SIGNINGKEY
port=18390
mport=18391
seconds=$(python3 -c "import re,sys; d='$duration'; m=re.fullmatch(r'(\d+)([smh])', d); print(int(m[1])*{'s':1,'m':60,'h':3600}[m[2]])")
passes=$(python3 -c "import math; print(math.ceil($seconds * $rate / $sessions) + 1)")
keys=()
for i in $(seq 1 "$passes"); do
  keys+=(--api-key "$(java -jar "$jar" apikey create --tenant "soak-$i" --scopes liveness --data-dir "$work/data" | tail -1)")
done
java -Xmx512m -jar "$jar" serve --data-dir "$work/data" --port "$port" --management.server.port="$mport" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill "$sampler" 2>/dev/null || true; kill "$pid" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$mport/actuator/health" >/dev/null; do sleep 1; done
heap() { jcmd "$pid" GC.class_histogram | awk '/^Total/ {print int($3 / 1024)}'; }
echo "live heap after full GC at start: $(heap) kB" | tee "$work/heap.txt"
( start=$(date +%s); while sleep 120; do echo "t+$(( $(date +%s) - start ))s live heap after full GC: $(heap) kB" | tee -a "$work/heap.txt"; done ) &
sampler=$!
java -jar "$jar" load --url "http://127.0.0.1:$port" "${keys[@]}" --photo "$portrait" --sessions "$sessions" --clients 4 \
    --duration "$duration" --rate "$rate" --json "$work/soak.json" || true
kill "$sampler" 2>/dev/null || true
echo "live heap after full GC at end: $(heap) kB" | tee -a "$work/heap.txt"
echo "OutOfMemoryError in the log: $(grep -c OutOfMemoryError "$work/serve.log" || true)"
db="$work/data/openliveness.mv.db"
[ -f "$db" ] && echo "embedded database file: $(( $(stat -c %s "$db") / 1048576 )) MiB"
echo "results in $work"
