# Side by side: no agent / the OpenTelemetry Java agent / the EMP agent, alternated (A B C A B C …, a fresh
# JVM per leg) in one run, on four workloads, plus the emitter's throughput against redis-benchmark.
# Sourced by scripts/bench.sh (needs say/die, $OUT, $WORK, rcli, redis_url, free_port, stop_app, APP_PID,
# cpu_seconds, now_ms, entries_added from bench/lib/redis.sh and bench/lib/load.sh). See docs/performance.md.

OTEL_AGENT_VERSION=${BENCH_OTEL_AGENT_VERSION:-2.20.1}
SBS_VARIANTS=(none otel emp)
SBS_XMX=${BENCH_XMX:-256m}                 # the same heap cap for every variant
SBS_HTTP_EVENT=${BENCH_HTTP_EVENT:-builtin} # builtin: each agent's JDK HttpServer instrumentation; rule: a method rule
SBS_HTTP_CONNECTIONS=${BENCH_HTTP_CONNECTIONS:-32}
SBS_API_CONNECTIONS=${BENCH_API_CONNECTIONS:-8}
SBS_WRK_THREADS=${BENCH_WRK_THREADS:-2}
SBS_WORKLOADS=${BENCH_WORKLOADS:-http api hello spring emitter jmh}
SBS_SPRING_JAR=bench/spring-app/target/spring-app.jar
SBS_JMH_JAR=bench/jmh-agents/target/jmh-agents-benchmarks.jar
SBS_API_JAR_BUILT=$(ls agent/api/target/emp-telemetry-api-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1)

sbs_settings() { # --quick or not
  if [ "${1:-}" = --quick ]; then
    SBS_ROUNDS=${BENCH_ROUNDS:-1} SBS_WARMUP=${BENCH_WARMUP_SECONDS:-5} SBS_SECONDS=${BENCH_LOAD_SECONDS:-10}
    SBS_HELLO_RUNS=${BENCH_HELLO_RUNS:-3} SBS_XADD_N=${BENCH_XADD_N:-200000}
    SBS_JMH_OPTS=${BENCH_SBS_JMH_OPTS:--f 1 -wi 3 -w 1s -i 3 -r 1s}
  else
    SBS_ROUNDS=${BENCH_ROUNDS:-3} SBS_WARMUP=${BENCH_WARMUP_SECONDS:-10} SBS_SECONDS=${BENCH_LOAD_SECONDS:-20}
    SBS_HELLO_RUNS=${BENCH_HELLO_RUNS:-5} SBS_XADD_N=${BENCH_XADD_N:-1000000}
    SBS_JMH_OPTS=${BENCH_SBS_JMH_OPTS:--f 2 -wi 5 -w 1s -i 5 -r 1s}
  fi
}

# The OpenTelemetry agent from Maven Central through Maven's own resolver (cached in the local repository).
ensure_otel_agent() {
  mvn -q -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_AGENT_VERSION" \
      -DoutputDirectory="$WORK" -Dmdep.stripVersion=true >"$WORK/mvn-otel.log" 2>&1 \
    || { cat "$WORK/mvn-otel.log" >&2; die "could not fetch io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_AGENT_VERSION"; }
  mv "$WORK/opentelemetry-javaagent.jar" "$WORK/otel-agent.jar"
}

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  say "wrk is missing; installing it with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
    || { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
         && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
    || die "could not install wrk (apt-get install wrk)"
}

# Standalone Maven projects outside the reactor (CI never builds them): built here when missing.
ensure_bench_project() {
  local jar=$1 dir=$2
  [ -s "$jar" ] && return 0
  require_maven
  say "building $dir (mvn -f $dir/pom.xml package; not part of the reactor)"
  mvn -q -B -ntp -f "$dir/pom.xml" package -DskipTests >"$WORK/mvn-${dir##*/}.log" 2>&1 \
    || { tail -30 "$WORK/mvn-${dir##*/}.log" >&2; die "could not build $dir"; }
}

sbs_prepare() {
  command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install curl)"
  ensure_wrk
  ensure_otel_agent
  ensure_bench_project "$SBS_SPRING_JAR" bench/spring-app
  case " $SBS_WORKLOADS " in *" jmh "*) ensure_bench_project "$SBS_JMH_JAR" bench/jmh-agents ;; esac
  [ -n "$SBS_API_JAR_BUILT" ] || die "agent/api/target/emp-telemetry-api-*.jar missing; build it first"
  mkdir -p "$WORK/sbs"
  cp sample-services/api-server/target/api-server.jar "$WORK/api-server.jar"
  cp agent/target/emp-telemetry-agent.jar "$WORK/emp-agent.jar"
  cp "$SBS_SPRING_JAR" "$WORK/spring-app.jar"
  [ ! -s "$SBS_JMH_JAR" ] || cp "$SBS_JMH_JAR" "$WORK/jmh-agents.jar"
  cp "$SBS_API_JAR_BUILT" "$WORK/emp-telemetry-api.jar"
  local j
  for j in "$WORK"/api-server.jar "$WORK"/emp-agent.jar "$WORK"/spring-app.jar "$WORK"/otel-agent.jar; do
    jar tf "$j" >/dev/null 2>&1 || die "$j is not a complete jar (being rebuilt?); build it and run again"
  done
  javac -d "$WORK/sbs" -cp "$WORK/emp-telemetry-api.jar" bench/side-by-side/*.java
  {
    echo "jars (SHA-256 prefixes): emp agent $(sha256sum "$WORK/emp-agent.jar" | cut -c1-12)," \
      "OpenTelemetry agent $OTEL_AGENT_VERSION $(sha256sum "$WORK/otel-agent.jar" | cut -c1-12)," \
      "api-server $(sha256sum "$WORK/api-server.jar" | cut -c1-12), spring-app $(sha256sum "$WORK/spring-app.jar" | cut -c1-12)"
    echo "settings: rounds $SBS_ROUNDS, warm-up ${SBS_WARMUP}s + measured ${SBS_SECONDS}s per load leg, -Xmx$SBS_XMX for every JVM," \
      "wrk -t$SBS_WRK_THREADS (HttpServer -c$SBS_HTTP_CONNECTIONS, api-server -c$SBS_API_CONNECTIONS), HttpServer event: $SBS_HTTP_EVENT," \
      "hello-world runs per leg: $SBS_HELLO_RUNS, JMH $SBS_JMH_OPTS"
  } | tee -a "$OUT/summary.txt" >&2
}

# sbs_env VARIANT WORKLOAD → SBS_JOPTS (JVM options) and SBS_ENV (environment) for one leg.
sbs_env() {
  local variant=$1 workload=$2
  SBS_JOPTS=("-Xmx$SBS_XMX")
  SBS_ENV=(OTEL_SERVICE_NAME="bench-$workload")
  case "$variant" in
    none) ;;
    otel)
      # The cheapest the OpenTelemetry agent can be while still instrumenting: spans are made, nothing exported.
      SBS_JOPTS+=("-javaagent:$WORK/otel-agent.jar")
      SBS_ENV+=(OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none)
      if [ "$workload" = http ] && [ "$SBS_HTTP_EVENT" = rule ]; then
        SBS_ENV+=(OTEL_INSTRUMENTATION_JAVA_HTTP_SERVER_ENABLED=false 'OTEL_INSTRUMENTATION_METHODS_INCLUDE=HttpServerApp$Hello[handle]')
      fi ;;
    emp)
      SBS_JOPTS+=("-javaagent:$WORK/emp-agent.jar")
      SBS_ENV+=(EMP_REDIS_URL="$(redis_url)")
      if [ "$workload" = http ] && [ "$SBS_HTTP_EVENT" = rule ]; then
        SBS_ENV+=(EMP_INSTRUMENTATION_HTTP_SERVER_ENABLED=false EMP_RULES="$PWD/bench/side-by-side/httpserver-rule.yaml")
      fi ;;
  esac
}

# sbs_launch LOG command… (java and its arguments after the JVM options)
sbs_launch() {
  local log=$1; shift
  env "${SBS_ENV[@]}" java "${SBS_JOPTS[@]}" "$@" >"$log" 2>&1 &
  APP_PID=$!
}

# Milliseconds from T0 until URL answers 200 (polled every 10 ms), or dies.
sbs_wait_200() {
  local url=$1 t0=$2 log=$3 code
  for _ in $(seq 1 6000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null) || true
    [ "$code" = 200 ] && { echo $(( $(now_ms) - t0 )); return 0; }
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.01
  done
  tail -20 "$log" >&2
  die "no 200 from $url (see $log)"
}

# wrk latency value (e.g. 1.23ms, 850.00us, 1.02s) → µs
sbs_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) f = 1; else if (v ~ /ms$/) f = 1000; else if (v ~ /s$/) f = 1e6; else f = 1; printf "%.0f", n * f }'; }

# sbs_row WORKLOAD VARIANT ROUND key=value…  → long rows in $OUT/side-by-side.tsv
sbs_row() {
  local w=$1 v=$2 r=$3 kv; shift 3
  for kv in "$@"; do printf '%s\t%s\t%s\t%s\t%s\n' "$w" "$v" "$r" "${kv%%=*}" "${kv#*=}" >>"$OUT/side-by-side.tsv"; done
}

sbs_load() { cut -d' ' -f1 /proc/loadavg; }
sbs_hwm_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# A load leg (http or api) of one variant: start, time to first 200, wrk warm-up, measured wrk run with
# the process's CPU time read from /proc before and after, peak RSS, stop, events written.
sbs_load_leg() {
  local workload=$1 variant=$2 round=$3 log="$OUT/sbs-$1-$2-$3.log" port load url conns script=()
  port=$(free_port); load=$(sbs_load)
  rcli FLUSHALL >/dev/null
  sbs_env "$variant" "$workload"
  local t0; t0=$(now_ms)
  if [ "$workload" = http ]; then
    sbs_launch "$log" -cp "$WORK/sbs" HttpServerApp "$port"
    url="http://127.0.0.1:$port/"; conns=$SBS_HTTP_CONNECTIONS
  else
    SBS_ENV+=(API_HOST=127.0.0.1 API_PORT="$port" REDIS_URL="$(redis_url)")
    sbs_launch "$log" -jar "$WORK/api-server.jar"
    url="http://127.0.0.1:$port/health"; conns=$SBS_API_CONNECTIONS
    script=(-s bench/side-by-side/api-server.lua)
  fi
  local ttfb; ttfb=$(sbs_wait_200 "$url" "$t0" "$log")
  [ "$workload" = api ] && url="http://127.0.0.1:$port"
  wrk -t"$SBS_WRK_THREADS" -c"$conns" -d"${SBS_WARMUP}s" "${script[@]}" "$url" >"$OUT/sbs-$workload-$variant-$round.warmup.txt" 2>&1 || true
  local cpu0 cpu1 out="$OUT/sbs-$workload-$variant-$round.wrk.txt"
  cpu0=$(cpu_seconds "$APP_PID")
  wrk -t"$SBS_WRK_THREADS" -c"$conns" -d"${SBS_SECONDS}s" --latency "${script[@]}" "$url" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed ($workload/$variant/$round)"; }
  cpu1=$(cpu_seconds "$APP_PID")
  local hwm; hwm=$(sbs_hwm_mib "$APP_PID")
  stop_app
  local requests rps p99 errors events=0
  requests=$(awk '/requests in/ { print $1 }' "$out")
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")
  p99=$(sbs_us "$(awk '$1 == "99%" { print $2 }' "$out")")
  errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }' "$out")
  local lost=0
  if [ "$variant" = emp ]; then
    events=$(entries_added emp:events)
    # events the agent could not write before its shutdown flush ended (it says so on stderr)
    lost=$(sed -n 's/.*WARN \(about \)\{0,1\}\([0-9][0-9]*\) telemetry events could not be written.*/\2/p' "$log" | head -1)
  fi
  local cpu_us; cpu_us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1e6 / n : 0) }')
  sbs_row "$workload" "$variant" "$round" rps="$rps" p99_us="$p99" cpu_us_per_req="$cpu_us" rss_mib="$hwm" \
    ttfb_ms="$ttfb" requests="$requests" errors="$errors" events="$events" events_lost_at_exit="${lost:-0}" load="$load"
  say "$workload/$variant/$round: $rps req/s, p99 ${p99} µs, CPU ${cpu_us} µs/req, VmHWM ${hwm} MiB, first 200 after ${ttfb} ms, errors $errors, events $events, lost at exit ${lost:-0} (load $load)"
}

sbs_hello_leg() {
  local variant=$1 round=$2 log="$OUT/sbs-hello-$1-$2.log" i t0 walls=() rsss=() load
  load=$(sbs_load)
  sbs_env "$variant" hello
  : >"$log"
  for i in $(seq 1 "$SBS_HELLO_RUNS"); do
    t0=$(now_ms)
    env "${SBS_ENV[@]}" /usr/bin/time -f 'maxrss_kb=%M' -o "$WORK/time.txt" java "${SBS_JOPTS[@]}" -cp "$WORK/sbs" Hello >>"$log" 2>&1 \
      || die "hello-world failed ($variant), see $log"
    walls+=($(( $(now_ms) - t0 )))
    rsss+=("$(sed -n 's/^maxrss_kb=//p' "$WORK/time.txt")")
  done
  local wall rss
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  rss=$(printf '%s\n' "${rsss[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.0f", a[int((NR + 1) / 2)] / 1024 }')
  sbs_row hello "$variant" "$round" wall_ms="$wall" rss_mib="$rss" load="$load"
  say "hello/$variant/$round: median wall ${wall} ms of ${walls[*]}, median peak RSS ${rss} MiB (load $load)"
}

sbs_spring_leg() {
  local variant=$1 round=$2 log="$OUT/sbs-spring-$1-$2.log" port load
  port=$(free_port); load=$(sbs_load)
  rcli FLUSHALL >/dev/null
  sbs_env "$variant" spring
  local t0; t0=$(now_ms)
  sbs_launch "$log" -jar "$WORK/spring-app.jar" --server.port="$port"
  local ttfb; ttfb=$(sbs_wait_200 "http://127.0.0.1:$port/owners" "$t0" "$log")
  local started classes hwm
  started=$(sed -n 's/.*Started BenchApplication in \([0-9.]*\) seconds.*/\1/p' "$log" | head -1)
  classes=$(jstat -class "$APP_PID" 2>/dev/null | awk 'NR == 2 { print $1 }')
  hwm=$(sbs_hwm_mib "$APP_PID")
  stop_app
  local started_ms; started_ms=$(awk -v s="${started:-0}" 'BEGIN { printf "%.0f", s * 1000 }')
  sbs_row spring "$variant" "$round" started_ms="$started_ms" ttfb_ms="$ttfb" rss_mib="$hwm" classes="${classes:-0}" load="$load"
  say "spring/$variant/$round: Started in ${started:-?} s, first 200 after ${ttfb} ms, ${classes:-?} classes, VmHWM ${hwm} MiB (load $load)"
}

# The emitter's sustained write rate (one JVM, the agent's writer saturated through the facade) against
# redis-benchmark's pipelined XADD (-c 1 -P 32) of an entry copied field by field from what the agent wrote,
# same MAXLEN, same server, right after.
sbs_emitter_leg() {
  local round=$1 log="$OUT/sbs-emitter-$1.log" load
  load=$(sbs_load)
  rcli FLUSHALL >/dev/null
  sbs_env emp emitter
  sbs_launch "$log" -cp "$WORK/emp-telemetry-api.jar:$WORK/sbs" EmitterLoad $((SBS_WARMUP + SBS_SECONDS + 60))
  for _ in $(seq 1 3000); do
    grep -q '^EmitterLoad started' "$log" && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$log" >&2; die "EmitterLoad ended early (see $log)"; }
    sleep 0.1
  done
  for _ in $(seq 1 1200); do # the writer connects on its own thread: wait for its first entry
    [ "$(entries_added emp:events)" -gt 0 ] && break
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  sleep "$SBS_WARMUP"
  local e0 e1 t0 t1
  e0=$(entries_added emp:events); t0=$(now_ms)
  sleep "$SBS_SECONDS"
  e1=$(entries_added emp:events); t1=$(now_ms)
  stop_app
  local rate; rate=$(( (e1 - e0) * 1000 / (t1 - t0) ))
  local fields=()
  mapfile -t fields < <(rcli --raw XREVRANGE emp:events + - COUNT 1 | tail -n +2) # the newest: one of EmitterLoad's
  [ "${#fields[@]}" -ge 2 ] || die "the emitter leg wrote no event (see $log)"
  local bytes; bytes=$(printf '%s' "${fields[@]}" | wc -c)
  local maxlen="${EMP_EVENTS_MAXLEN:-10000}"
  rcli DEL bench:xadd >/dev/null
  # -q prints "<command>: N requests per second, …" (the command holds the entry's JSON, so no CSV parsing)
  local rb; rb=$(redis-benchmark -p "$REDIS_PORT" -c 1 -P 32 -n "$SBS_XADD_N" -q \
                   XADD bench:xadd MAXLEN '~' "$maxlen" '*' "${fields[@]}" 2>/dev/null | tr '\r' '\n' \
                 | sed -n 's/.* \([0-9.][0-9.]*\) requests per second.*/\1/p' | tail -1)
  local rbr; rbr=$(printf '%.0f' "${rb:-0}")
  sbs_row emitter emp "$round" events_per_s="$rate" redis_benchmark_xadd_per_s="$rbr" entry_bytes="$bytes" \
    fields="$(( ${#fields[@]} / 2 ))" load="$load"
  say "emitter/$round: agent wrote $rate events/s; redis-benchmark XADD -c 1 -P 32 of the same ${bytes}-byte entry: $rbr/s (load $load)"
}

# The same @WithSpan method under each agent in JMH (bench/jmh-agents), with -prof gc for bytes per call.
sbs_jmh_leg() {
  local variant=$1 round=$2 log="$OUT/sbs-jmh-$1-$2.log" json="$OUT/sbs-jmh-$1-$2.json" load
  load=$(sbs_load)
  rcli FLUSHALL >/dev/null
  sbs_env "$variant" jmh
  [ "$variant" = emp ] && SBS_ENV+=(EMP_RULES="$PWD/bench/jmh-agents/withspan-rule.yaml")
  # shellcheck disable=SC2086 # SBS_JMH_OPTS is a list of options
  env "${SBS_ENV[@]}" timeout 900 java -jar "$WORK/jmh-agents.jar" InstrumentedCallBenchmark $SBS_JMH_OPTS -prof gc \
      -jvmArgsAppend "${SBS_JOPTS[*]}" -rf json -rff "$json" >"$log" 2>&1 \
    || { tail -20 "$log" >&2; die "JMH under $variant failed, see $log"; }
  local q='.[] | select(.benchmark | endswith($b)) | [.primaryMetric.score, (.secondaryMetrics | to_entries[] | select(.key | endswith("gc.alloc.rate.norm")) | .value.score)] | map(. * 10 | round / 10) | join(" ")'
  local inst plain
  inst=$(jq -r --arg b .instrumentedCall "$q" "$json"); plain=$(jq -r --arg b .plainCall "$q" "$json")
  sbs_row jmh "$variant" "$round" instrumented_ns="${inst%% *}" instrumented_bytes="${inst##* }" \
    plain_ns="${plain%% *}" plain_bytes="${plain##* }" load="$load"
  say "jmh/$variant/$round: @WithSpan method ${inst%% *} ns/op, ${inst##* } B/op; plain method ${plain%% *} ns/op (load $load)"
}

sbs_round() {
  local round=$1 w v
  for w in $SBS_WORKLOADS; do
    case "$w" in
      http|api) for v in "${SBS_VARIANTS[@]}"; do sbs_load_leg "$w" "$v" "$round"; done ;;
      hello) for v in "${SBS_VARIANTS[@]}"; do sbs_hello_leg "$v" "$round"; done ;;
      spring) for v in "${SBS_VARIANTS[@]}"; do sbs_spring_leg "$v" "$round"; done ;;
      emitter) sbs_emitter_leg "$round" ;;
      jmh) for v in "${SBS_VARIANTS[@]}"; do sbs_jmh_leg "$v" "$round"; done ;;
      *) die "unknown workload in BENCH_WORKLOADS: $w (http api hello spring emitter jmh)" ;;
    esac
  done
}

run_side_by_side() {
  trap stop_app EXIT # this runs in a pipeline's subshell: the script's own trap does not reach its JVMs
  sbs_settings "${1:-}"
  sbs_prepare
  : >"$OUT/side-by-side.tsv"
  local round
  for round in $(seq 1 "$SBS_ROUNDS"); do sbs_round "$round"; done
  bash bench/lib/sidebyside-table.sh "$OUT/side-by-side.tsv"
}
