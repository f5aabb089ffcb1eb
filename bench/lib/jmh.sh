# The three JMH benchmarks, each from its module's test classes (not part of `mvn verify`).
# Sourced by scripts/bench.sh (needs $OUT, $WORK, redis_url).

JMH_OPTS=${BENCH_JMH_OPTS:--f 1 -wi 2 -i 3 -w 1s -r 1s}

# run_jmh MODULE BENCHMARK [extra JMH options…]
run_jmh() {
  local module=$1 bench=$2; shift 2
  local cpfile="$WORK/cp-${module//\//-}.txt"
  # -am package: the module's sibling dependencies resolve to their jars in this build (a fresh clone has none in
  # ~/.m2); every module of the reactor writes the file, the benchmark's own module last.
  mvn -q -o -B -Dstyle.color=never -pl "$module" -am package -DskipTests dependency:build-classpath \
      -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >"$WORK/mvn.log" 2>&1 \
    || { cat "$WORK/mvn.log" >&2; say "no test classpath for $module, $bench skipped"; : >"$WORK/failed"; return 0; }
  local cp="$module/target/test-classes:$module/target/classes:$(cat "$cpfile")"
  say "JMH $bench ($module)"
  # shellcheck disable=SC2086 # JMH_OPTS is a list of options
  timeout 900 java -cp "$cp" org.openjdk.jmh.Main "$bench" $JMH_OPTS "$@" \
    -rf json -rff "$OUT/jmh-$bench.json" >"$OUT/jmh-$bench.log" 2>&1 \
    || { say "JMH $bench failed (exit $?), see $OUT/jmh-$bench.log"; tail -20 "$OUT/jmh-$bench.log" >&2; : >"$WORK/failed"; return 0; }
}

jmh_table() {
  local f
  printf '\n## JMH (%s)\n\n' "$JMH_OPTS"
  printf '| benchmark | params | score | ± error (99.9%%) | unit |\n|---|---|---:|---:|---|\n'
  for f in "$OUT"/jmh-*.json; do
    [ -s "$f" ] || continue
    jq -r '.[] | "| \(.benchmark | split(".") | .[-2:] | join(".")) | \(.params // {} | to_entries | map("\(.key)=\(.value)") | join(",") | if . == "" then "-" else . end) | \(.primaryMetric.score * 10 | round / 10) | \(.primaryMetric.scoreError | if type == "number" then (. * 10 | round / 10) else "n/a" end) | \(.primaryMetric.scoreUnit) |"' "$f"
  done
  if [ -f "$OUT/jmh-EmitBenchmark.log" ]; then
    # The teardown prints the emitter's counters per benchmark: most calls of a saturating loop
    # take the queue-full path, and these lines say how many.
    printf '\nEmitBenchmark emitter counters per benchmark (teardown):\n\n'
    awk '/^# Benchmark: / { n = split($3, p, "."); name = p[n] }
         /^EmitterStats/ { printf "- %s: %s\n", name, $0 }' "$OUT/jmh-EmitBenchmark.log"
  fi
}

run_all_jmh() {
  run_jmh agent/emitter EmitBenchmark -jvmArgsAppend "-Demp.redis.url=$(redis_url)"
  run_jmh agent/rules RuleHotPathBenchmark
  run_jmh agent/core HotPathBenchmark
  jmh_table
}
