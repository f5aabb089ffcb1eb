#!/usr/bin/env bash
# Benchmarks, kept out of the default test run (`mvn verify` / scripts/test.sh). See docs/performance.md.
#
#   bash scripts/bench.sh [jmh|load|all]      (default all)
#   bash scripts/bench.sh side-by-side [--quick]
#   bash scripts/bench.sh collector [--quick]
#
# jmh:  the three JMH benchmarks (EmitBenchmark, RuleHotPathBenchmark, HotPathBenchmark), one fork each.
# load: the sample api-server without and with the agent, alternated (A B A B …) in one run, under a
#       closed-loop load generator; throughput, p50/p99, CPU per request, peak RSS, start-up, events.
# side-by-side: no agent / the OpenTelemetry Java agent / the EMP agent, alternated (A B C A B C …, fresh JVM
#       per leg) on a JDK HttpServer, the sample api-server, a hello-world and a Spring Boot start, plus the
#       emitter against redis-benchmark; ratios and issue 8's targets (bench/lib/sidebyside.sh).
# collector: the collector's footprint (peak RSS at 10 000 events/s) and drain rate, file and OTLP
#       exporters, per JVM setting, through bin/emp-collector (bench/lib/collector.sh).
# All use a private redis-server on a free loopback port (never 6379), stopped on exit.
#
# Environment (all optional):
#   BENCH_LOAD_SECONDS=15   measured seconds per load leg     BENCH_WARMUP_SECONDS=10 unmeasured warm-up per leg
#   BENCH_CLIENTS=4         concurrent closed-loop clients    BENCH_ROUNDS=2          A/B pairs
#   BENCH_JMH_OPTS="-f 1 -wi 2 -i 3 -w 1s -r 1s"              BENCH_OUT=bench/target/<time>  results folder
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/prereqs.sh

MODE=${1:-all}
QUICK=${2:-}
case "$MODE" in jmh|load|all) ;; side-by-side|collector) [ -z "$QUICK" ] || [ "$QUICK" = --quick ] || MODE=usage ;; *) MODE=usage ;; esac
[ "$MODE" != usage ] || die "usage: bash scripts/bench.sh [jmh|load|all] | side-by-side [--quick] | collector [--quick]"

require_java
ensure_redis_server
OUT=${BENCH_OUT:-bench/target/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/emp-bench.XXXXXX")

. bench/lib/redis.sh
. bench/lib/jmh.sh
. bench/lib/load.sh
. bench/lib/sidebyside.sh
. bench/lib/collector.sh

cleanup() {
  stop_app
  stop_collector_bench
  stop_redis
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_built() {
  local missing=0 f needed
  case "$MODE" in
    side-by-side) needed="agent/target/emp-telemetry-agent.jar sample-services/api-server/target/api-server.jar agent/api/target" ;;
    collector) needed="collector/target/emp-collector.jar" ;;
    *) needed="agent/target/emp-telemetry-agent.jar sample-services/api-server/target/api-server.jar
               agent/emitter/target/test-classes/META-INF/BenchmarkList agent/rules/target/test-classes/META-INF/BenchmarkList
               agent/core/target/test-classes/META-INF/BenchmarkList" ;;
  esac
  for f in $needed; do
    [ -e "$f" ] || { say "missing $f"; missing=1; }
  done
  if [ "$missing" = 1 ]; then
    require_maven
    case "$MODE" in
      side-by-side|collector)
        say "building (mvn -q -B -DskipTests package -pl agent/dist,sample-services/api-server,collector -am)"
        mvn -q -B -DskipTests package -pl agent/dist,sample-services/api-server,collector -am ;;
      *)
        say "building (mvn -q -B -DskipTests install)"
        mvn -q -B -DskipTests install ;;
    esac
    SBS_API_JAR_BUILT=$(ls agent/api/target/emp-telemetry-api-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1)
  fi
}

ensure_built
start_redis
{
  echo "EMP Telemetry benchmarks — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); other JVMs running: $(ps -e -o comm= | grep -c '^java$' || true)"
} | tee "$OUT/summary.txt"

if [ "$MODE" = jmh ] || [ "$MODE" = all ]; then run_all_jmh | tee -a "$OUT/summary.txt"; fi
if [ "$MODE" = load ] || [ "$MODE" = all ]; then run_load | tee -a "$OUT/summary.txt"; fi
if [ "$MODE" = side-by-side ]; then
  [ -z "$QUICK" ] || echo "--quick: one round, short legs; a smoke run, not figures to decide on" | tee -a "$OUT/summary.txt"
  run_side_by_side "$QUICK" | tee -a "$OUT/summary.txt"
fi
if [ "$MODE" = collector ]; then run_collector_bench "$QUICK" | tee -a "$OUT/summary.txt"; fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); other JVMs running: $(ps -e -o comm= | grep -c '^java$' || true)" | tee -a "$OUT/summary.txt"
say "results in $OUT (summary.txt; jmh-*.json, load.tsv, side-by-side.tsv, collector.tsv and logs, depending on the mode)"
[ ! -e "$WORK/failed" ] || die "some benchmarks did not run (see above)"
