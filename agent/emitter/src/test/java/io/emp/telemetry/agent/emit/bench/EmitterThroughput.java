package io.emp.telemetry.agent.emit.bench;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.emit.Ids;
import io.emp.telemetry.agent.emit.RedisEventEmitter;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emitter throughput from one JVM into Redis against {@code redis-benchmark} pipelined XADD
 * ({@code -c 1 -P 32}) with entries of the same fields and sizes, same server, alternated in one run
 * (issue 8's target: at least 50 %). Not a test; run by hand against a scratch Redis:
 * <pre>
 * redis-server --port 6399 --save '' --appendonly no &amp;
 * mvn -o -q -pl agent/emitter dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat /tmp/cp.txt):agent/emitter/target/classes:agent/emitter/target/test-classes" \
 *      io.emp.telemetry.agent.emit.bench.EmitterThroughput 6399 200000 3
 * </pre>
 * Arguments: port, events per round, rounds. The emitter's queue is sized to hold a whole round, so
 * the figure is the writer's drain rate (encode + pipeline + replies), not the application's offer rate.
 */
public final class EmitterThroughput {
    private EmitterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        TelemetryEvent sample = event(0);
        Map<String, String> fields = EventCodec.encode(sample, "5b0c4c1e-7d0e-4a8e-9d55-1f0f3b7c2a10");
        int bytes = fields.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        System.out.println("entry: " + fields.size() + " fields, " + bytes + " bytes");
        for (int r = 1; r <= rounds; r++) {
            double emitter = emitterRate(port, n);
            double bench = redisBenchmarkRate(port, n, fields);
            System.out.printf("round %d: emitter %.0f entries/s, redis-benchmark -c 1 -P 32 %.0f entries/s, ratio %.2f%n",
                    r, emitter, bench, emitter / bench);
        }
    }

    private static TelemetryEvent event(long i) {
        return TelemetryEvent.builder("job.completed").timestamp(System.currentTimeMillis()).service("bench-service")
                .traceId(Ids.newTraceId()).spanId(Ids.newSpanId()).parentSpanId(Ids.newSpanId())
                .jobId("job-" + i).workerId("worker-gpu-1")
                .attribute("model", "sdxl").attribute("steps", 30).attribute("durationMs", 1234).attribute("i", i)
                .build();
    }

    private static double emitterRate(int port, int n) throws Exception {
        RedisEventEmitter emitter = new RedisEventEmitter(EmitterConfig.from(Settings.of(Map.of(
                "redis.url", "redis://127.0.0.1:" + port, "service.name", "bench-service",
                "events.stream", "emp:bench", "events.maxlen", "10000", "events.retention", "0",
                "queue.capacity", Integer.toString(n + 10), "queue.max.bytes", Long.toString(1L << 31),
                "batch.size", System.getProperty("emp.batch.size", "256")))));
        try {
            while (!emitter.stats().connected()) Thread.sleep(5);
            List<TelemetryEvent> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) events.add(event(i));
            long cpu0 = writerCpuNanos();
            long t0 = System.nanoTime();
            for (TelemetryEvent e : events) emitter.emit(e);
            while (emitter.stats().eventsWritten() < n) Thread.sleep(1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  writer thread CPU %.1f µs per entry, %.0f%% of the wall time%n",
                    (writerCpuNanos() - cpu0) / 1e3 / n, (writerCpuNanos() - cpu0) / 1e7 / seconds);
            return n / seconds;
        } finally {
            emitter.close();
        }
    }

    private static long writerCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("emp-telemetry-writer")) return mx.getThreadCpuTime(t.getId());
        }
        return 0;
    }

    private static double redisBenchmarkRate(int port, int n, Map<String, String> fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-p", Integer.toString(port), "-c", "1", "-P", "32",
                "-n", Integer.toString(n), "-q", "XADD", "emp:bench-ref", "MAXLEN", "~", "10000", "*"));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            cmd.add(f.getKey());
            cmd.add(f.getValue());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher m = Pattern.compile("([0-9.]+) requests per second").matcher(out.replace('\r', '\n'));
        double last = -1;
        while (m.find()) last = Double.parseDouble(m.group(1));
        if (last < 0) throw new IllegalStateException("redis-benchmark said: " + out);
        return last;
    }
}
