# The side-by-side overhead figure: the sample api-server without (A) and with (B) the agent,
# alternated A B A B in one run, each leg under the same closed-loop load (bench/LoadGenerator.java).
# Sourced by scripts/bench.sh (needs say/die, $OUT, $WORK, rcli, redis_url).

LOAD_SECONDS=${BENCH_LOAD_SECONDS:-15}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-10}
CLIENTS=${BENCH_CLIENTS:-4}
ROUNDS=${BENCH_ROUNDS:-2}
API_JAR_BUILT=sample-services/api-server/target/api-server.jar
AGENT_JAR_BUILT=agent/target/emp-telemetry-agent.jar
# Private copies taken once per run: every leg runs the same bytes even if a build replaces the jars meanwhile.
API_JAR=
AGENT_JAR=
APP_OPTS=${BENCH_APP_OPTS:-}   # extra JVM options for both configurations, e.g. -Xmx256m
APP_PID=

# SIGTERM, up to SECONDS (default 10) for a clean exit (the agent's shutdown flush), then SIGKILL.
stop_process() {
  local p=$1 seconds=${2:-10}
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 $(( seconds * 10 ))); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  fi
}

stop_app() {
  stop_process "$APP_PID"
  APP_PID=
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# CPU seconds (user + system) the process used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# One line per thread: tid, CPU ticks so far, name (digits at the end folded, so pools group).
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    awk -v tid="${t##*/}" -v name="$(sed 's/[-#0-9]*$//' "$t/comm" 2>/dev/null)" \
      '{ sub(/^.*\) /, ""); printf "%s\t%d\t%s\n", tid, $12 + $13, name }' "$t/stat" 2>/dev/null || true
  done
}

# Where the application's CPU went during the measured window, by thread group, busiest first.
thread_breakdown() {
  awk -F'\t' -v hz="$(getconf CLK_TCK)" '
    NR == FNR { before[$1] = $2; next }
    { used[$3] += $2 - before[$1]; total += $2 - before[$1] }
    END { for (n in used) if (used[n] > 0) printf "%.1f%%\t%.2f s\t%s\n", 100 * used[n] / total, used[n] / hz, n }' "$1" "$2" \
    | sort -t$'\t' -k2 -rn | head -8
}

# entries-added of a stream (counts trimmed entries too), 0 when it does not exist.
entries_added() { rcli XINFO STREAM "$1" 2>/dev/null | awk 'prev == "entries-added" { print; found = 1; exit } { prev = $0 } END { if (!found) print 0 }'; }

# load_leg CONFIG ROUND → one tab-separated row in $OUT/load.tsv
load_leg() {
  local config=$1 round=$2 log="$OUT/api-$1-$2.log" agent=()
  [ "$config" = agent ] && agent=("-javaagent:$AGENT_JAR")
  rcli FLUSHALL >/dev/null
  local load_before; load_before=$(cut -d' ' -f1 /proc/loadavg)
  : >"$log"
  local t0; t0=$(now_ms)
  # EMP_EVENTS_MAXLEN=0: no trimming, so the events of the whole leg can be counted afterwards.
  env API_HOST=127.0.0.1 API_PORT=0 REDIS_URL="$(redis_url)" EMP_REDIS_URL="$(redis_url)" \
      EMP_EVENTS_MAXLEN=0 OTEL_SERVICE_NAME=api-server \
      java $APP_OPTS "${agent[@]}" -jar "$API_JAR" >"$log" 2>&1 &
  APP_PID=$!
  local url=
  for _ in $(seq 1 1200); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log" | head -1) || true
    [ -n "$url" ] && break
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.01
  done
  local startup_ms=$(( $(now_ms) - t0 ))
  [ -n "$url" ] || { tail -20 "$log" >&2; die "api-server ($config) did not start, see $log"; }

  java -cp "$WORK/lg" LoadGenerator "$url" "$LOAD_SECONDS" "$CLIENTS" "$WARMUP_SECONDS" >"$WORK/lg.out" 2>"$WORK/lg.err" &
  local lg=$!
  sleep "$WARMUP_SECONDS"
  local cpu0; cpu0=$(cpu_seconds "$APP_PID")
  thread_ticks "$APP_PID" >"$WORK/threads0"
  local lg_status=0
  wait "$lg" || lg_status=$?
  local cpu1; cpu1=$(cpu_seconds "$APP_PID")
  thread_ticks "$APP_PID" >"$WORK/threads1"
  thread_breakdown "$WORK/threads0" "$WORK/threads1" >"$OUT/threads-$config-$round.txt"
  [ "$lg_status" = 0 ] || { cat "$WORK/lg.err" >&2; die "load generator failed ($config, round $round)"; }
  local hwm_kb; hwm_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$APP_PID/status")
  stop_app

  local r; r=$(cat "$WORK/lg.out")
  kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$r"; }
  local requests; requests=$(kv requests)
  local cpu_us; cpu_us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1e6 / n : 0) }')
  local premain_ms; premain_ms=$(sed -n 's/.*agent: started in \([0-9]*\) ms.*/\1/p' "$log" | head -1)
  if [ "$config" = agent ] && [ -z "$premain_ms" ]; then
    grep -m3 'emp-telemetry' "$log" >&2 || true
    die "the agent did not start in the agent leg (round $round), see $log; is $AGENT_JAR_BUILT complete?"
  fi
  local events=0 errors=0 reports=0 dropped=0 types=-
  if [ "$config" = agent ]; then
    events=$(entries_added emp:events)
    errors=$(entries_added emp:errors)
    local counts; counts=$(rcli --no-raw EVAL "$(cat bench/count-events.lua)" 1 emp:events | sed 's/^ *[0-9]*) //; s/^(integer) //; s/"//g')
    reports=$(sed -n 2p <<<"$counts"); dropped=$(sed -n 3p <<<"$counts")
    types=$(tail -n +4 <<<"$counts" | paste -sd' ' | awk '{ s = ""; for (i = 1; i < NF; i += 2) s = s (s ? "," : "") $i "=" $(i + 1); print s }')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$config" "$round" "$(kv throughput)" "$(kv p50_us)" "$(kv p99_us)" "$(kv max_us)" "$requests" "$(kv errors)" \
    "$cpu_us" "$((hwm_kb / 1024))" "$startup_ms" "$events" "$errors" "$reports" "$dropped" "$load_before" "${premain_ms:--}" "$(kv total)" >>"$OUT/load.tsv"
  printf '%s\n' "$types" >"$OUT/event-types-$config-$round.txt"
  say "leg $config/$round: $r, cpu ${cpu_us} µs/req, VmHWM $((hwm_kb / 1024)) MiB, start-up ${startup_ms} ms, events $events"
}

load_table() {
  printf '\n## Load: sample api-server, %s clients, closed loop (POST /jobs + GET /jobs/{id}), %ss measured after %ss warm-up per leg\n\n' \
    "$CLIENTS" "$LOAD_SECONDS" "$WARMUP_SECONDS"
  printf '| leg | round | req/s | p50 µs | p99 µs | max µs | requests | errors | app CPU µs/req | peak RSS MiB | start-up ms | emp:events | emp:errors | drop reports | dropped | load avg | agent premain ms | requests incl. warm-up |\n'
  printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
  awk -F'\t' '{ printf "| %s |", $1; for (i = 2; i <= NF; i++) printf " %s |", $i; print "" }' "$OUT/load.tsv"
  awk -F'\t' '
    { n[$1]++; for (i = 3; i <= 11; i++) s[$1, i] += $i; ev += $12; req[$1] += $18 }
    END {
      if (!n["none"] || !n["agent"]) exit
      split("throughput (req/s):3,p50 latency (µs):4,p99 latency (µs):5,app CPU per request (µs):9,peak RSS (MiB):10,start-up (ms):11", rows, ",")
      printf "\n| mean of %d legs each | no agent | agent | agent / no agent |\n|---|---:|---:|---:|\n", n["none"]
      for (k = 1; k <= 6; k++) {
        split(rows[k], p, ":"); a = s["none", p[2]] / n["none"]; b = s["agent", p[2]] / n["agent"]
        printf "| %s | %.0f | %.0f | %.3f |\n", p[1], a, b, a ? b / a : 0
      }
      if (!ev || !req["agent"]) exit
      printf "\nagent: %.1f events per request; extra app CPU per request %.0f µs (≈ %.1f µs per event)\n", \
        ev / req["agent"], s["agent", 9] / n["agent"] - s["none", 9] / n["none"], \
        (s["agent", 9] / n["agent"] - s["none", 9] / n["none"]) / (ev / req["agent"])
    }' "$OUT/load.tsv"
  printf '\nevents by type (last agent leg): %s\n' "$(cat "$OUT/event-types-agent-$ROUNDS.txt" 2>/dev/null)"
  local config
  for config in none agent; do
    printf '\napp CPU by thread group in the measured window, last %s leg:\n' "$config"
    sed 's/^/    /' "$OUT/threads-$config-$ROUNDS.txt" 2>/dev/null || true
  done
}

run_load() {
  mkdir -p "$WORK/lg"
  API_JAR="$WORK/api-server.jar" AGENT_JAR="$WORK/emp-telemetry-agent.jar"
  cp "$API_JAR_BUILT" "$API_JAR"
  cp "$AGENT_JAR_BUILT" "$AGENT_JAR"
  local j
  for j in "$API_JAR" "$AGENT_JAR"; do
    jar tf "$j" >/dev/null 2>&1 || die "$j is not a complete jar (being rebuilt?); build it and run again"
  done
  say "api-server.jar $(sha256sum "$API_JAR" | cut -c1-12), emp-telemetry-agent.jar $(sha256sum "$AGENT_JAR" | cut -c1-12)"
  javac -d "$WORK/lg" bench/LoadGenerator.java
  : >"$OUT/load.tsv"
  local round
  for round in $(seq 1 "$ROUNDS"); do
    load_leg none "$round"
    load_leg agent "$round"
  done
  load_table
}
