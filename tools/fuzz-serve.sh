#!/usr/bin/env bash
# Fuzzes a fresh `openliveness serve` at -Xmx512m with `openliveness fuzz`, and checks what
# docs/RELIABILITY.md reports: no 5xx, no OutOfMemoryError in the log, the heap after a full GC
# within 10 % of the heap after a full GC before the run. Class histograms of the live heap before
# and after the run are left in the work directory (histogram-before.txt, histogram-after.txt).
# With STEP, the cases run in steps of STEP (step i with seed SEED + i) and the heap after a full GC
# is printed after each step: where the heap grows, and whether it levels off.
# The heap before and after is read once the service has been idle for SETTLE seconds (default 60):
# the embedded H2 keeps the chunks of the last 45 s of commits (its retention time) and their
# metadata until its next compaction; the heap at once after the run is printed too.
#   tools/fuzz-serve.sh [COUNT] [SEED] [STEP]   (defaults 10000, 1, COUNT; OPENLIVENESS_JAR for
#   another jar; SETTLE=0 to measure at once)
set -euo pipefail
count="${1:-10000}"
seed="${2:-1}"
step="${3:-$count}"
settle="${SETTLE:-60}"
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="${OPENLIVENESS_JAR:-$here/cli/target/openliveness.jar}"
work="$(mktemp -d)"
# Outside dev mode the service needs its keys configured, kept outside the data directory.
mkdir -p "$work/keys"
java -jar "$jar" keys generate >"$work/keys/photo.keys"
chmod 600 "$work/keys/photo.keys"
export OPENLIVENESS_STORAGE_KEYFILE="$work/keys/photo.keys"
OPENLIVENESS_OAUTH_SIGNINGKEY="$(java -jar "$jar" keys generate)"
export OPENLIVENESS_OAUTH_SIGNINGKEY
port=18290
mport=18291
trap 'kill "$pid" 2>/dev/null || true' EXIT

key=$(java -jar "$jar" apikey create --tenant fuzz --scopes liveness --data-dir "$work/data" | tail -1)
java -Xmx512m -jar "$jar" serve --data-dir "$work/data" --port "$port" --management.server.port="$mport" >"$work/serve.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$mport/actuator/health" >/dev/null; do sleep 1; done

heap() { # used heap after a full GC, in kB
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}
# Warm up (classes, caches, JIT) with other cases, then measure.
java -jar "$jar" fuzz --url "http://127.0.0.1:$port" --api-key "$key" --count 260 --seed 999 --bomb-mib 64 >/dev/null || true
sleep "$settle"
before=$(heap)
jcmd "$pid" GC.class_histogram >"$work/histogram-before.txt"
status=0
done_cases=0
i=0
while [ "$done_cases" -lt "$count" ]; do
  n=$(( count - done_cases < step ? count - done_cases : step ))
  json="$work/fuzz.json"
  [ "$step" -lt "$count" ] && json="$work/fuzz-$i.json"
  set +e
  java -jar "$jar" fuzz --url "http://127.0.0.1:$port" --api-key "$key" --count "$n" --seed "$((seed + i))" --json "$json"
  rc=$?
  set -e
  [ "$rc" -ne 0 ] && status=$rc
  done_cases=$((done_cases + n))
  i=$((i + 1))
  if [ "$done_cases" -lt "$count" ]; then
    h=$(heap)
    echo "after $done_cases cases: heap after full GC ${h} kB ($(( (h - before) * 100 / before )) %)"
  fi
done
at_once=$(heap)
echo "heap after full GC at once after the run: ${at_once} kB ($(( (at_once - before) * 100 / before )) %); idle ${settle} s"
sleep "$settle"
after=$(heap)
jcmd "$pid" GC.class_histogram >"$work/histogram-after.txt"
ooms=$(grep -c OutOfMemoryError "$work/serve.log" || true)
echo "heap after full GC: before ${before} kB, after ${after} kB, each after ${settle} s idle ($(( (after - before) * 100 / before )) %)"
echo "OutOfMemoryError in the log: $ooms"
db="$work/data/openliveness.mv.db"
[ -f "$db" ] && echo "embedded database file: $(( $(stat -c %s "$db") / 1048576 )) MiB"
echo "fuzz exit status: $status (0 = no 5xx, no failed connection); JSON and log in $work"
[ "$status" -eq 0 ] && [ "$ooms" -eq 0 ] && [ $(( (after - before) * 100 / before )) -le 10 ]
