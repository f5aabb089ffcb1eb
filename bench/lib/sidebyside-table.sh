#!/usr/bin/env bash
# Markdown tables of a side-by-side run: every leg, the means per variant with their ratios, and issue 8's
# targets with pass/miss. Input: the long rows (workload, variant, round, key, value) that
# bench/lib/sidebyside.sh writes to side-by-side.tsv. Reprint an earlier run with
#   bash bench/lib/sidebyside-table.sh bench/target/<time>/side-by-side.tsv
set -euo pipefail
awk -F'\t' '
  function label(w) { return w == "http" ? "JDK HttpServer" : w == "api" ? "sample api-server" : w == "hello" ? "hello-world" : w == "spring" ? "Spring Boot app" : w == "jmh" ? "JMH, @WithSpan method" : "emitter" }
  function mean(w, v, k) { return n[w, v, k] ? s[w, v, k] / n[w, v, k] : "" }
  function fmt(x) { return x == "" ? "–" : (x >= 100 || x == int(x)) ? sprintf("%.0f", x) : sprintf("%.1f", x) }
  function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "–" : sprintf("%.2f", a / b) }
  function verdict(ok) { return ok ? "pass" : "**miss**" }
  {
    w = $1; v = $2; r = $3; k = $4; x = $5
    if (!((w, v, r) in seen)) { seen[w, v, r] = 1; legs[++nlegs] = w SUBSEP v SUBSEP r }
    val[w, v, r, k] = x
    if (!((w, k) in haskey)) { haskey[w, k] = 1; keys[w] = keys[w] (keys[w] == "" ? "" : " ") k }
    s[w, v, k] += x; n[w, v, k]++
    if (!(w in wseen)) { wseen[w] = 1; wl[++nw] = w }
  }
  END {
    printf "\n### Every leg\n"
    for (i = 1; i <= nw; i++) {
      w = wl[i]; nk = split(keys[w], ks, " ")
      printf "\n%s\n\n| variant | round |", label(w)
      for (j = 1; j <= nk; j++) printf " %s |", ks[j]
      printf "\n|---|---:|"; for (j = 1; j <= nk; j++) printf "---:|"; print ""
      for (l = 1; l <= nlegs; l++) {
        split(legs[l], p, SUBSEP); if (p[1] != w) continue
        printf "| %s | %s |", p[2], p[3]
        for (j = 1; j <= nk; j++) printf " %s |", val[p[1], p[2], p[3], ks[j]]
        print ""
      }
    }
    printf "\n### Means per variant and ratios\n\n"
    printf "| workload | figure | no agent | OpenTelemetry agent | EMP agent | OTel / none | EMP / none | EMP / OTel |\n"
    printf "|---|---|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= nw; i++) {
      w = wl[i]; if (w == "emitter") continue
      nk = split(keys[w], ks, " ")
      for (j = 1; j <= nk; j++) {
        k = ks[j]; if (k == "requests" || k == "errors" || k ~ /^events/ || k == "load") continue
        a = mean(w, "none", k); b = mean(w, "otel", k); c = mean(w, "emp", k)
        printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", label(w), k, fmt(a), fmt(b), fmt(c), ratio(b, a), ratio(c, a), ratio(c, b)
      }
    }
    if (n["api", "emp", "events"] && s["api", "emp", "requests"]) {
      # events over every request of the leg, warm-up included: the warm-up requests are not in "requests"
      printf "\nEMP events written: HttpServer %s, api-server %s in total over the measured and warm-up requests\n", \
        fmt(mean("http", "emp", "events")), fmt(mean("api", "emp", "events"))
    }
    em = mean("emitter", "emp", "events_per_s"); rb = mean("emitter", "emp", "redis_benchmark_xadd_per_s")
    if (em != "") printf "\nEmitter: %s events/s written by one JVM; redis-benchmark XADD -c 1 -P 32, same %s-byte entry: %s/s; ratio %s\n", \
      fmt(em), fmt(mean("emitter", "emp", "entry_bytes")), fmt(rb), ratio(em, rb)

    printf "\n### Targets (issue 8)\n\n| figure | target | measured (means of this run) | |\n|---|---|---|---|\n"
    a = mean("http", "none", "cpu_us_per_req"); b = mean("http", "otel", "cpu_us_per_req"); c = mean("http", "emp", "cpu_us_per_req")
    if (c != "") printf "| CPU per request, JDK HttpServer, one event per request | ≤ OTel agent and ≤ 1.15× no agent | %s µs vs OTel %s µs, no agent %s µs (%s×) | %s |\n", \
      fmt(c), fmt(b), fmt(a), ratio(c, a), verdict(c <= b && c <= 1.15 * a)
    a = mean("api", "none", "rps"); c = mean("api", "emp", "rps")
    if (c != "") printf "| sample api-server throughput | ≥ 0.95× no agent | %s×  (OTel %s×) | %s |\n", ratio(c, a), ratio(mean("api", "otel", "rps"), a), verdict(c >= 0.95 * a)
    a = mean("api", "none", "p99_us"); c = mean("api", "emp", "p99_us")
    if (c != "") printf "| sample api-server p99 | ≤ 1.10× no agent | %s×  (OTel %s×) | %s |\n", ratio(c, a), ratio(mean("api", "otel", "p99_us"), a), verdict(c <= 1.10 * a)
    split("http:ttfb_ms:time to first 200, JDK HttpServer;api:ttfb_ms:time to first 200, api-server;hello:wall_ms:hello-world wall time;spring:started_ms:Spring Boot start (Started … in);spring:ttfb_ms:time to first 200, Spring Boot app", t, ";")
    for (i = 1; i in t; i++) {
      split(t[i], p, ":"); a = mean(p[1], "none", p[2]); c = mean(p[1], "emp", p[2]); b = mean(p[1], "otel", p[2])
      if (c != "") printf "| %s | ≤ +300 ms over no agent | %+.0f ms (OTel %+.0f ms) | %s |\n", p[3], c - a, b - a, verdict(c - a <= 300)
    }
    split("http,api,hello,spring", ws, ",")
    for (i = 1; i in ws; i++) {
      a = mean(ws[i], "none", "rss_mib"); c = mean(ws[i], "emp", "rss_mib"); b = mean(ws[i], "otel", "rss_mib")
      if (c != "") printf "| peak RSS, same -Xmx, %s | ≤ +40 MiB over no agent | %+.0f MiB (OTel %+.0f MiB) | %s |\n", label(ws[i]), c - a, b - a, verdict(c - a <= 40)
    }
    if (em != "") printf "| emitter throughput from one JVM into Redis | ≥ 50%% of redis-benchmark XADD -c 1 -P 32 | %s%% | %s |\n", \
      (rb ? sprintf("%.0f", 100 * em / rb) : "–"), verdict(rb && em >= 0.5 * rb)
    c = mean("jmh", "emp", "instrumented_ns"); b = mean("jmh", "otel", "instrumented_ns")
    if (c != "") printf "| per-call cost of an instrumented method that emits one event (JMH, `-prof gc`) | < 1 µs and below `@WithSpan` under the OTel agent | EMP %s ns, %s B/call; OTel %s ns, %s B/call; no agent %s ns | %s |\n", \
      fmt(c), fmt(mean("jmh", "emp", "instrumented_bytes")), fmt(b), fmt(mean("jmh", "otel", "instrumented_bytes")), fmt(mean("jmh", "none", "instrumented_ns")), verdict(c < 1000 && c < b)
    printf "| 0 B for an instrumented call that emits nothing | 0 B | not in this mode: `HotPathBenchmark` (`bash scripts/bench.sh jmh`) | – |\n"
    printf "| collector at 10 000 events/s, file and OTLP | RSS ≤ 64 MiB, ≥ 50 000 events/s on 2 cores | not in this mode: `bash scripts/bench.sh collector` | – |\n"
  }' "$1"
