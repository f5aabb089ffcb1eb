#!/usr/bin/env bash
# Collector soak test (issue 13): a real redis-server, the packaged collector (file exporter,
# -Xmx64m), `emp-collector bench` writing SOAK_RATE events/s for SOAK_MINUTES minutes. Every
# SOAK_SAMPLE_SECONDS the collector's heap (jstat: used, and old generation = what survives GC)
# and RSS (/proc VmRSS) go to samples.csv. At the end: written vs exported vs lost (from /metrics),
# group lag and pending, and whether heap and RSS stayed flat (mean of the last third of the run
# vs the first third after a one-minute warm-up; "flat" = less than 20 % growth).
#
#   bash scripts/soak.sh                           # 30 minutes at 2 000 events/s
#   SOAK_MINUTES=2 bash scripts/soak.sh            # a short run
#
# Needs the jar: mvn -B -ntp -o -pl collector -am -DskipTests package
set -euo pipefail
MINUTES=${SOAK_MINUTES:-30}
RATE=${SOAK_RATE:-2000}
HEAP=${SOAK_HEAP:-64m}
EVERY=${SOAK_SAMPLE_SECONDS:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/collector/target/emp-collector.jar
OUT=${SOAK_OUT:-$ROOT/collector/target/soak}
[ -f "$JAR" ] || { echo "soak: $JAR missing; build it: mvn -B -ntp -o -pl collector -am -DskipTests package" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "soak: redis-server not on PATH" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
HEALTH_PORT=$(free_port)
REDIS_PID="" COLLECTOR_PID="" SAMPLER_PID=""
cleanup() {
  for pid in $SAMPLER_PID $COLLECTOR_PID $REDIS_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$OUT" >"$OUT/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

EMP_REDIS_URL=redis://127.0.0.1:$REDIS_PORT EMP_EXPORTERS=file EMP_COLLECTOR_FILE_PATH=$OUT/events.jsonl \
EMP_COLLECTOR_HEALTH_PORT=$HEALTH_PORT EMP_EVENTS_MAXLEN=100000 \
  java -Xmx"$HEAP" -XX:+UseSerialGC -jar "$JAR" run >"$OUT/collector.log" 2>&1 &
COLLECTOR_PID=$!
until curl -fs "http://127.0.0.1:$HEALTH_PORT/health" >/dev/null 2>&1; do
  kill -0 "$COLLECTOR_PID" 2>/dev/null || { echo "soak: collector exited:"; cat "$OUT/collector.log"; exit 1; }
  sleep 0.2
done

sample() {
  echo "seconds,rss_kib,heap_used_kib,old_gen_used_kib" >"$OUT/samples.csv"
  local start=$SECONDS
  while kill -0 "$COLLECTOR_PID" 2>/dev/null; do
    local rss heap
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$COLLECTOR_PID/status" 2>/dev/null || echo "")
    # jstat -gc: S0C S1C S0U S1U EC EU OC OU …; used = S0U+S1U+EU+OU, old = OU (KiB).
    heap=$(jstat -gc "$COLLECTOR_PID" 2>/dev/null | awk 'NR==2 {printf "%.0f,%.0f", $3+$4+$6+$8, $8}')
    [ -n "$rss" ] && [ -n "$heap" ] && echo "$((SECONDS - start)),$rss,$heap" >>"$OUT/samples.csv"
    sleep "$EVERY"
  done
}
sample &
SAMPLER_PID=$!

echo "soak: $RATE events/s for $MINUTES min; collector pid $COLLECTOR_PID (-Xmx$HEAP), redis port $REDIS_PORT, output in $OUT"
java -jar "$JAR" bench --redis-url "redis://127.0.0.1:$REDIS_PORT" --rate "$RATE" --seconds $((MINUTES * 60)) \
  --maxlen 100000 --collector-pid "$COLLECTOR_PID" | tee "$OUT/bench.log" | awk 'NR % 60 == 0'
WRITTEN=$(grep -o 'written=[0-9]*' "$OUT/bench.log" | tail -1 | cut -d= -f2)

# Let the collector drain what is left (lag and pending 0), at most a minute.
for _ in $(seq 1 120); do
  EXPORTED=$(curl -fs "http://127.0.0.1:$HEALTH_PORT/metrics" | awk -F' ' '/^emp_collector_events_exported_total\{stream="emp:events"\}/ {print $2}')
  [ "${EXPORTED:-0}" -ge "$WRITTEN" ] && break
  sleep 0.5
done
METRICS=$(curl -fs "http://127.0.0.1:$HEALTH_PORT/metrics")
LOST=$(echo "$METRICS" | awk '/^emp_collector_entries_lost_total\{stream="emp:events"/ {s += $2} END {print s + 0}')
GROUP=$(redis-cli -p "$REDIS_PORT" XINFO GROUPS emp:events | paste -sd' ')
echo "soak: written $WRITTEN, exported $EXPORTED (includes the collector's own loss reports, if any), lost $LOST"
echo "soak: group: $GROUP"

FLAT=0
python3 - "$OUT/samples.csv" <<'PY' || FLAT=1
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if int(r["seconds"]) >= 60] or list(csv.DictReader(open(sys.argv[1])))
third = max(1, len(rows) // 3)
def mean(rs, k): return sum(int(r[k]) for r in rs) / len(rs)
verdict = 0
for k in ("rss_kib", "heap_used_kib", "old_gen_used_kib"):
    first, last = mean(rows[:third], k), mean(rows[-third:], k)
    peak = max(int(r[k]) for r in rows)
    growth = (last - first) / first * 100 if first else 0
    flat = growth < 20
    verdict |= 0 if flat else 1
    print(f"soak: {k:17s} first third {first/1024:7.1f} MiB, last third {last/1024:7.1f} MiB, peak {peak/1024:7.1f} MiB, growth {growth:+5.1f} % -> {'flat' if flat else 'GROWING'}")
print(f"soak: {len(rows)} samples after warm-up in {sys.argv[1]}")
sys.exit(verdict)
PY
[ "${EXPORTED:-0}" -ge "$WRITTEN" ] && [ "$LOST" = "0" ] && [ "$FLAT" = "0" ] && { echo "soak: OK"; exit 0; }
echo "soak: FAILED (see $OUT)"; exit 1
