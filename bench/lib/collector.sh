# The collector's footprint (issue 8 item 5): per exporter (file, OTLP to a local sink) and JVM setting, the
# peak RSS of a collector started through bin/emp-collector while `emp-collector bench` writes a fixed rate,
# and its drain rate: how fast it works off a stream preloaded with events (the load generator no longer
# competes for the cores then). Sourced by scripts/bench.sh (needs say/die, $OUT, $WORK, rcli, redis_url,
# free_port, now_ms, stop_process). See docs/collector.md#footprint.

CB_PID=
CB_SINK_PID=
CB_JAR_BUILT=collector/target/emp-collector.jar
CB_GROUP=telemetry-collectors

# name|JAVA_OPTS ("launcher" = the launcher's own defaults; "+cds" = those plus an AppCDS archive)
# "baseline" = the launcher's defaults with the jar of BENCH_COLLECTOR_BASELINE_JAR (an earlier build), to measure
# a code change before/after in one alternated run; "launcher-c2" = the launcher's defaults with C2 left on
# (no TieredStopAtLevel=1, default compiler threads): what C1-only costs in CPU per event and saves in RSS;
# "launcher-young-third" = the launcher's defaults before 2026-12-02, with the JVM's own generation sizes (young
# a third of the heap, survivor spaces a tenth of that): what the larger young generation saves in full GCs.
CB_SETTINGS_ALL=(
  "jvm-defaults|-Xshare:auto"
  "old-image|-Xmx32m -XX:+UseSerialGC -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -Xss512k -Dio.netty.allocator.type=unpooled"
  "launcher|"
  "launcher+cds|"
  "baseline|"
  "launcher-young-third|-Xms8m -Xmx24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:CompressedClassSpaceSize=16m -Xss256k -XX:MaxDirectMemorySize=32m -Dio.netty.allocator.type=unpooled -Djdk.nio.maxCachedBufferSize=262144"
  "launcher-c2|-Xms8m -Xmx24m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:CompressedClassSpaceSize=16m -Xss256k -XX:MaxDirectMemorySize=32m -Dio.netty.allocator.type=unpooled -Djdk.nio.maxCachedBufferSize=262144"
)

stop_collector_bench() {
  stop_collector_bench_app
  stop_process "$CB_SINK_PID"
  CB_SINK_PID=
}

stop_collector_bench_app() {
  stop_process "$CB_PID" "${1:-10}"
  CB_PID=
}

cb_settings() {
  if [ "${1:-}" = --quick ]; then
    CB_SECONDS=${BENCH_COLLECTOR_SECONDS:-20} CB_DRAIN=${BENCH_COLLECTOR_DRAIN_EVENTS:-300000}
  else
    CB_SECONDS=${BENCH_COLLECTOR_SECONDS:-60} CB_DRAIN=${BENCH_COLLECTOR_DRAIN_EVENTS:-1000000}
  fi
  CB_RATE=${BENCH_COLLECTOR_RATE:-10000}
  CB_EXPORTERS=${BENCH_COLLECTOR_EXPORTERS:-file otlp}
  CB_NAMES=${BENCH_COLLECTOR_SETTINGS:-jvm-defaults old-image launcher launcher+cds}
  CB_ROUNDS=${BENCH_COLLECTOR_ROUNDS:-1}
  CB_CLK_TCK=$(getconf CLK_TCK)
}

# CPU time (user + system) a process has used so far, in clock ticks
cb_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# CPU-seconds per 100 000 events from a tick difference and an event count (less load-sensitive than events/s)
cb_cpu_per_100k() { awk -v t="$1" -v n="$2" -v hz="$CB_CLK_TCK" 'BEGIN { if (n > 0) printf "%.2f", t / hz * 100000 / n; else print "-" }'; }

# XINFO GROUPS field of the collector's group on emp:events (0 before the group exists)
cb_group_field() {
  rcli XINFO GROUPS emp:events 2>/dev/null | awk -v g="$CB_GROUP" -v f="$1" '
    prev == "name" { cur = $0 } prev == f && cur == g { print; found = 1 } { prev = $0 } END { if (!found) print 0 }'
}

cb_opts_of() { local s; for s in "${CB_SETTINGS_ALL[@]}"; do [ "${s%%|*}" = "$1" ] && { echo "${s#*|}"; return 0; }; done; die "unknown collector setting $1"; }

# cb_start EXPORTER SETTING LOG: the collector through the launcher, on the private Redis; its GC log is LOG.gc
# (through JDK_JAVA_OPTIONS, which adds to the launcher's options where JAVA_OPTS would replace them)
cb_start() {
  local exporter=$1 setting=$2 log=$3 opts cds=off jar="$WORK/emp-collector.jar"
  opts=$(cb_opts_of "$setting")
  [ "$setting" = launcher+cds ] && cds=auto
  [ "$setting" = baseline ] && jar="$WORK/emp-collector-baseline.jar"
  local env_=(EMP_REDIS_URL="$(redis_url)" EMP_EXPORTERS="$exporter" EMP_COLLECTOR_HEALTH_PORT=0
              EMP_COLLECTOR_FILE_PATH="$WORK/collector-out/events.jsonl" EMP_COLLECTOR_CONSUMER=bench
              EMP_COLLECTOR_JAR="$jar" EMP_COLLECTOR_CDS="$cds"
              EMP_COLLECTOR_CDS_ARCHIVE="$WORK/emp-collector.jsa" JAVA_OPTS="$opts"
              JDK_JAVA_OPTIONS="-Xlog:gc:file=$log.gc")
  [ "$exporter" = otlp ] && env_+=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$CB_SINK_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)
  rm -rf "$WORK/collector-out"; mkdir -p "$WORK/collector-out"
  env "${env_[@]}" sh bin/emp-collector run >"$log" 2>&1 &
  CB_PID=$!
}

cb_hwm_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# full_gcs=N young_gcs=N gc_pause_ms=N of a GC log (-Xlog:gc): counts, unlike CPU time, do not move with the
# machine's load
cb_gc_fields() {
  local prefix=$1 gc=$2
  [ -f "$gc" ] || { echo "${prefix}full_gcs=- ${prefix}young_gcs=- ${prefix}gc_pause_ms=-"; return; }
  echo "${prefix}full_gcs=$(grep -c 'Pause Full' "$gc") ${prefix}young_gcs=$(grep -c 'Pause Young' "$gc")" \
    "${prefix}gc_pause_ms=$(grep -o '[0-9.]*ms$' "$gc" | tr -d ms | awk '{ s += $1 } END { printf "%.0f", s }')"
}

cb_row() {
  local e=$1 s=$2 kv; shift 2
  for kv in "$@"; do printf '%s\t%s\t%s\t%s\n' "$e" "$s" "${kv%%=*}" "${kv#*=}" >>"$OUT/collector.tsv"; done
}

# Fixed rate: bench writes CB_RATE events/s for CB_SECONDS while sampling the collector's RSS.
cb_rate_leg() {
  local exporter=$1 setting=$2 label=${3:-$2} log="$OUT/collector-$1-${3:-$2}-rate.log" load
  load=$(cut -d' ' -f1 /proc/loadavg)
  rcli FLUSHALL >/dev/null
  cb_start "$exporter" "$setting" "$log"
  for _ in $(seq 1 1200); do # the collector creates its group (and the stream) once connected
    rcli XINFO GROUPS emp:events 2>/dev/null | grep -qx "$CB_GROUP" && break
    kill -0 "$CB_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$CB_PID" 2>/dev/null || { tail -20 "$log" >&2; die "collector ($exporter, $setting) did not start, see $log"; }
  local cpu0; cpu0=$(cb_cpu_ticks "$CB_PID")
  java -Xmx256m -XX:+UseSerialGC -jar "$WORK/emp-collector.jar" bench --redis-url "$(redis_url)" --rate "$CB_RATE" \
      --seconds "$CB_SECONDS" --collector-pid "$CB_PID" >"$OUT/collector-$exporter-$label-bench.txt" 2>&1 \
    || { tail -5 "$OUT/collector-$exporter-$label-bench.txt" >&2; die "emp-collector bench failed"; }
  local lag_end t0 catchup=-1
  lag_end=$(cb_group_field lag); t0=$(now_ms)
  for _ in $(seq 1 300); do [ "$(cb_group_field lag)" = 0 ] && { catchup=$(( $(now_ms) - t0 )); break; }; sleep 0.1; done
  local hwm achieved rss_max cpu
  hwm=$(cb_hwm_mib "$CB_PID")
  cpu=$(( $(cb_cpu_ticks "$CB_PID") - cpu0 ))
  achieved=$(sed -n 's/.* rate=\([0-9]*\)\/s.*/\1/p' "$OUT/collector-$exporter-$label-bench.txt" | tail -1)
  rss_max=$(sed -n 's/.*collector VmRSS=\([0-9]*\) MiB.*/\1/p' "$OUT/collector-$exporter-$label-bench.txt" | sort -n | tail -1)
  stop_collector_bench_app
  local written cpu100k
  written=$(sed -n 's/.* written=\([0-9]*\) .*/\1/p' "$OUT/collector-$exporter-$label-bench.txt" | tail -1)
  cpu100k=$(cb_cpu_per_100k "$cpu" "${written:-0}")
  # shellcheck disable=SC2046 # key=value words
  cb_row "$exporter" "$label" $(cb_gc_fields rate_ "$log.gc") rate_written="${achieved:-0}" vmhwm_mib="$hwm" vmrss_max_mib="${rss_max:-0}" \
    lag_at_end="$lag_end" catchup_ms="$catchup" load="$load" rate_cpu_100k="$cpu100k"
  say "collector $exporter/$label at $CB_RATE/s: written ${achieved:-?}/s, VmHWM $hwm MiB (max sampled VmRSS ${rss_max:-?}), lag at end $lag_end, caught up after ${catchup} ms, $cpu100k CPU-s per 100 000 events (load $load)"
}

# Drain: CB_DRAIN events written first (nothing reading), then the collector started; events/s from its
# first read to all read and acknowledged. The stream is filled fast with redis-benchmark: `emp-collector bench`
# writes 4 000 real events (4 types, 1 000 jobs), and redis-benchmark repeats copies of 4 of them (one of each
# type, field by field) until CB_DRAIN entries are there.
cb_preload() {
  java -Xmx256m -XX:+UseSerialGC -jar "$WORK/emp-collector.jar" bench --redis-url "$(redis_url)" --rate 4000 \
      --seconds 1 --maxlen $(( CB_DRAIN * 2 )) >"$WORK/preload.txt" 2>&1 \
    || { tail -5 "$WORK/preload.txt" >&2; die "preloading the stream failed"; }
  local ids=() id fields=() each
  mapfile -t ids < <(rcli --raw XRANGE emp:events - + COUNT 4 | grep -E '^[0-9]+-[0-9]+$')
  each=$(( (CB_DRAIN - $(rcli XLEN emp:events)) / ${#ids[@]} ))
  for id in "${ids[@]}"; do
    mapfile -t fields < <(rcli --raw XRANGE emp:events "$id" "$id" | tail -n +2)
    redis-benchmark -p "$REDIS_PORT" -c 1 -P 64 -n "$each" XADD emp:events '*' "${fields[@]}" >"$WORK/fill.txt" 2>&1 \
      || { tail -5 "$WORK/fill.txt" >&2; die "redis-benchmark could not fill the stream (entry $id, ${#fields[@]} fields)"; }
  done
}

cb_drain_leg() {
  local exporter=$1 setting=$2 label=${3:-$2} log="$OUT/collector-$1-${3:-$2}-drain.log" load
  rcli FLUSHALL >/dev/null
  cb_preload
  local total; total=$(rcli XLEN emp:events)
  load=$(cut -d' ' -f1 /proc/loadavg)
  cb_start "$exporter" "$setting" "$log"
  local read=0 t_first=0 r0=0 t_end=0 peak_rss=0 rss cpu_first=0 cpu_end=0
  for _ in $(seq 1 6000); do
    kill -0 "$CB_PID" 2>/dev/null || { tail -20 "$log" >&2; die "collector ($exporter, $setting) died while draining, see $log"; }
    read=$(cb_group_field entries-read)
    rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$CB_PID/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak_rss" ] && peak_rss=$rss
    if [ "$t_first" = 0 ] && [ "${read:-0}" -gt 0 ]; then t_first=$(now_ms); r0=$read; cpu_first=$(cb_cpu_ticks "$CB_PID"); fi
    if [ "${read:-0}" -ge "$total" ] && [ "$(cb_group_field pending)" = 0 ]; then t_end=$(now_ms); cpu_end=$(cb_cpu_ticks "$CB_PID"); break; fi
    sleep 0.2
  done
  local hwm; hwm=$(cb_hwm_mib "$CB_PID")
  stop_collector_bench_app
  local rate=0
  [ "$t_end" -gt "$t_first" ] && rate=$(( (total - r0) * 1000 / (t_end - t_first) ))
  local cpu100k; cpu100k=$(cb_cpu_per_100k $(( cpu_end - cpu_first )) $(( total - r0 )))
  # shellcheck disable=SC2046 # key=value words
  cb_row "$exporter" "$label" $(cb_gc_fields drain_ "$log.gc") drain_events="$total" drain_per_s="$rate" drain_vmhwm_mib="$hwm" drain_load="$load" \
    drain_cpu_100k="$cpu100k"
  say "collector $exporter/$label drain: $total events at $rate events/s (first read to all acknowledged), $cpu100k CPU-s per 100 000 events, VmHWM $hwm MiB (load $load)"
}

cb_table() {
  awk -F'\t' '
    { k = $1 SUBSEP $2; if (!(k in seen)) { seen[k] = 1; rows[++n] = k } v[$1, $2, $3] = $4 }
    END {
      printf "\n## Collector footprint (%s events/s for the RSS legs)\n\n", rate
      printf "| exporter | JVM setting | written events/s | peak RSS (VmHWM) MiB | lag at end | caught up after ms | CPU-s per 100k at the rate | drain events/s | CPU-s per 100k draining | peak RSS draining MiB | full / young GCs (rate; drain) | GC pause ms (rate / drain) | load avg (rate / drain) |\n"
      printf "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
      for (i = 1; i <= n; i++) { split(rows[i], p, SUBSEP); e = p[1]; s = p[2]
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s; %s / %s | %s / %s | %s / %s |\n", e, s, v[e, s, "rate_written"], v[e, s, "vmhwm_mib"], v[e, s, "lag_at_end"], \
          v[e, s, "catchup_ms"], v[e, s, "rate_cpu_100k"], v[e, s, "drain_per_s"], v[e, s, "drain_cpu_100k"], v[e, s, "drain_vmhwm_mib"], \
          v[e, s, "rate_full_gcs"], v[e, s, "rate_young_gcs"], v[e, s, "drain_full_gcs"], v[e, s, "drain_young_gcs"], \
          v[e, s, "rate_gc_pause_ms"], v[e, s, "drain_gc_pause_ms"], v[e, s, "load"], v[e, s, "drain_load"] }
      printf "\n| target (issue 8) | exporter | launcher defaults | |\n|---|---|---|---|\n"
      for (i = 1; i <= n; i++) { split(rows[i], p, SUBSEP); if (p[2] !~ /^launcher(_r[0-9]+)?$/) continue; e = p[1]
        h = v[e, p[2], "vmhwm_mib"]; d = v[e, p[2], "drain_per_s"]
        printf "| RSS ≤ 64 MiB at %s events/s | %s | %s MiB | %s |\n", rate, e, h, (h != "" && h <= 64) ? "pass" : "**miss**"
        printf "| ≥ 50 000 events/s sustained on 2 cores | %s | %s events/s (drain) | %s |\n", e, d, (d != "" && d >= 50000) ? "pass" : "**miss**" }
    }' rate="$CB_RATE" "$OUT/collector.tsv"
}

# A training run for the AppCDS archive: the collector runs a few seconds of the fixed-rate load with
# EMP_COLLECTOR_CDS=create, so the archive holds the classes of consuming and exporting, not only start-up.
cb_make_archive() {
  local exporter=$1 log="$OUT/collector-cds-training.log"
  rcli FLUSHALL >/dev/null
  rm -f "$WORK/emp-collector.jsa"
  local opts; opts=$(cb_opts_of launcher)
  env EMP_COLLECTOR_CDS=create EMP_COLLECTOR_CDS_ARCHIVE="$WORK/emp-collector.jsa" EMP_COLLECTOR_JAR="$WORK/emp-collector.jar" \
      EMP_REDIS_URL="$(redis_url)" EMP_EXPORTERS="$exporter" EMP_COLLECTOR_HEALTH_PORT=0 \
      EMP_COLLECTOR_FILE_PATH="$WORK/collector-out/events.jsonl" JAVA_OPTS="$opts" \
      OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$CB_SINK_PORT" sh bin/emp-collector run >"$log" 2>&1 &
  CB_PID=$!
  java -Xmx256m -XX:+UseSerialGC -jar "$WORK/emp-collector.jar" bench --redis-url "$(redis_url)" --rate 2000 --seconds 5 >/dev/null 2>&1 || true
  stop_collector_bench_app 300 # the JVM writes the archive as it exits: give it time on a busy machine
  [ -s "$WORK/emp-collector.jsa" ] || { tail -5 "$log" >&2; die "no CDS archive written (see $log)"; }
  say "AppCDS archive: $(du -k "$WORK/emp-collector.jsa" | cut -f1) KiB"
}

run_collector_bench() {
  trap stop_collector_bench EXIT # this runs in a pipeline's subshell: the script's own trap does not reach its JVMs
  cb_settings "${1:-}"
  cp "$CB_JAR_BUILT" "$WORK/emp-collector.jar"
  jar tf "$WORK/emp-collector.jar" >/dev/null 2>&1 || die "$CB_JAR_BUILT is not a complete jar (being rebuilt?)"
  case " $CB_NAMES " in *" baseline "*)
    [ -f "${BENCH_COLLECTOR_BASELINE_JAR:-}" ] || die "setting 'baseline' needs BENCH_COLLECTOR_BASELINE_JAR (an earlier emp-collector.jar)"
    cp "$BENCH_COLLECTOR_BASELINE_JAR" "$WORK/emp-collector-baseline.jar"
    echo "baseline jar $(sha256sum "$WORK/emp-collector-baseline.jar" | cut -c1-12)" | tee -a "$OUT/summary.txt" >&2 ;;
  esac
  mkdir -p "$WORK/cb"
  javac -d "$WORK/cb" bench/collector/OtlpSink.java
  CB_SINK_PORT=$(free_port)
  java -Xmx64m -XX:+UseSerialGC -cp "$WORK/cb" OtlpSink "$CB_SINK_PORT" >"$OUT/collector-otlp-sink.log" 2>&1 &
  CB_SINK_PID=$!
  echo "collector jar $(sha256sum "$WORK/emp-collector.jar" | cut -c1-12); RSS legs ${CB_SECONDS}s at $CB_RATE events/s; drain legs $CB_DRAIN events; settings: $CB_NAMES; exporters: $CB_EXPORTERS" \
    | tee -a "$OUT/summary.txt" >&2
  local s
  {
    for s in "${CB_SETTINGS_ALL[@]}"; do [ -z "${s#*|}" ] || printf -- '- %s: JAVA_OPTS=%s\n' "${s%%|*}" "${s#*|}"; done
    printf -- '- launcher: bin/emp-collector defaults, MALLOC_ARENA_MAX=2, %s\n' \
      "$(sed -n '/^default_opts=/,/"$/p' bin/emp-collector | tr -d '\\"' | sed 's/^default_opts=//' | tr '\n' ' ')"
    printf -- '- launcher+cds: the same plus an AppCDS archive made by a training run (EMP_COLLECTOR_CDS=create)\n'
  } | tee -a "$OUT/summary.txt" >&2
  : >"$OUT/collector.tsv"
  local e
  for e in $CB_EXPORTERS; do
    case " $CB_NAMES " in *" launcher+cds "*) cb_make_archive "$e" ;; esac
    local r label
    for r in $(seq 1 "$CB_ROUNDS"); do
      for s in $CB_NAMES; do
        label=$s; [ "$CB_ROUNDS" -gt 1 ] && label="${s}_r$r"
        cb_rate_leg "$e" "$s" "$label"
        cb_drain_leg "$e" "$s" "$label"
      done
    done
  done
  cb_table
}
