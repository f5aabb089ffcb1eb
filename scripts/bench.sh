#!/usr/bin/env bash
# Benchmarks, kept out of the default test run (`mvn verify` / scripts/test.sh). See docs/performance.md.
#
#   bash scripts/bench.sh [jmh|load|all]      (default all)
#
# jmh:  the three JMH benchmarks (EmitBenchmark, RuleHotPathBenchmark, HotPathBenchmark), one fork each.
# load: the sample api-server without and with the agent, alternated (A B A B …) in one run, under a
#       closed-loop load generator; throughput, p50/p99, CPU per request, peak RSS, start-up, events.
# Both use a private redis-server on a free loopback port (never 6379), stopped on exit.
#
# Environment (all optional):
#   BENCH_LOAD_SECONDS=15   measured seconds per load leg     BENCH_WARMUP_SECONDS=10 unmeasured warm-up per leg
#   BENCH_CLIENTS=4         concurrent closed-loop clients    BENCH_ROUNDS=2          A/B pairs
#   BENCH_JMH_OPTS="-f 1 -wi 2 -i 3 -w 1s -r 1s"              BENCH_OUT=bench/target/<time>  results folder
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/prereqs.sh

MODE=${1:-all}
case "$MODE" in jmh|load|all) ;; *) die "usage: bash scripts/bench.sh [jmh|load|all]" ;; esac

require_java
ensure_redis_server
OUT=${BENCH_OUT:-bench/target/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/emp-bench.XXXXXX")

. bench/lib/redis.sh
. bench/lib/jmh.sh
. bench/lib/load.sh

cleanup() {
  stop_app
  stop_redis
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_built() {
  local missing=0 f
  for f in agent/target/emp-telemetry-agent.jar sample-services/api-server/target/api-server.jar \
           agent/emitter/target/test-classes/META-INF/BenchmarkList \
           agent/rules/target/test-classes/META-INF/BenchmarkList \
           agent/core/target/test-classes/META-INF/BenchmarkList; do
    [ -e "$f" ] || { say "missing $f"; missing=1; }
  done
  if [ "$missing" = 1 ]; then
    require_maven
    say "building (mvn -q -B -DskipTests install)"
    mvn -q -B -DskipTests install
  fi
}

ensure_built
start_redis
{
  echo "EMP Telemetry benchmarks — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/summary.txt"

if [ "$MODE" = jmh ] || [ "$MODE" = all ]; then run_all_jmh | tee -a "$OUT/summary.txt"; fi
if [ "$MODE" = load ] || [ "$MODE" = all ]; then run_load | tee -a "$OUT/summary.txt"; fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
say "results in $OUT (summary.txt, jmh-*.json, load.tsv, logs)"
[ ! -e "$WORK/failed" ] || die "some benchmarks did not run (see above)"
