package io.emp.telemetry.collector.reactions.bench;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.reactions.metrics.ReactionStats;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reactions benchmark (a program, not a test): an in-process collector with one {@code redis.hset} reaction
 * and the file exporter, against the Redis given.
 * <ol>
 *   <li>latency: events XADDed at {@code rate}/s for {@code seconds}; p50/p99 from event timestamp (set when
 *       the event is written) to the action done, as the engine measures it for /metrics;</li>
 *   <li>throughput: {@code burst} events written as fast as possible; reactions/s until all ran.</li>
 * </ol>
 * Run (see docs/performance.md, "Reactions"):
 * <pre>
 * mvn -o -q -pl collector -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp collector/target/test-classes:collector/target/classes:$(cat collector/target/cp.txt) \
 *   io.emp.telemetry.collector.reactions.bench.ReactionsBenchmark redis://127.0.0.1:6395 1000 30 50000 4
 * </pre>
 * Arguments: Redis URL (a fresh one), rate, seconds, burst size, lanes per stream ({@code settings.threads}).
 * <pre>
 * </pre>
 */
public final class ReactionsBenchmark {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6395";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int burst = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        int lanes = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        Path dir = Files.createTempDirectory("reactions-bench");
        Path file = dir.resolve("reactions.yaml");
        Files.writeString(file, String.join("\n",
                "settings: {threads: " + lanes + "}",
                "reactions:",
                "  - id: state",
                "    on: job.completed",
                "    actions:",
                "      - redis.hset: {key: 'bench:job:{jobId}', fields: {status: completed, worker: '{workerId}'}}",
                ""));
        Map<String, String> env = new HashMap<>();
        env.put("EMP_REDIS_URL", url);
        env.put("EMP_EXPORTERS", "file");
        env.put("EMP_COLLECTOR_FILE_PATH", dir.resolve("events.jsonl").toString());
        env.put("EMP_COLLECTOR_HEALTH_PORT", "-1");
        env.put("EMP_COLLECTOR_BATCH_WAIT", "20ms");
        env.put("EMP_EVENTS_MAXLEN", "1000000");
        env.put("EMP_REACTIONS", file.toString());
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> conn = client.connect();
             Collector collector = Collector.start(CollectorConfig.load(null, Map.of(), env))) {
            RedisAsyncCommands<String, String> redis = conn.async();
            Thread.sleep(1000); // use a fresh Redis: the reactions group starts at the end of the stream
            ReactionStats.Counters c = collector.stats().reactions().reaction("state");

            // 1. latency at a steady rate
            long start = System.nanoTime();
            int sent = 0;
            for (int s = 0; s < seconds * 1000; s++) {
                long due = start + s * 1_000_000L;
                while (System.nanoTime() < due) Thread.onSpinWait();
                int target = (int) ((long) rate * (s + 1) / 1000);
                List<RedisFuture<String>> fs = new ArrayList<>();
                for (; sent < target; sent++) fs.add(redis.xadd(StreamDefaults.EVENTS_STREAM, event(sent)));
                for (RedisFuture<String> f : fs) f.get(5, TimeUnit.SECONDS);
            }
            await(c, sent, 60);
            System.out.printf("latency at %d events/s for %d s: %d events, p50 %d ms, p99 %d ms (event written -> hset done)%n",
                    rate, seconds, sent, c.latencyQuantile(0.5), c.latencyQuantile(0.99));

            // 2. throughput
            long before = c.executed.sum();
            long t0 = System.nanoTime();
            List<RedisFuture<String>> fs = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                fs.add(redis.xadd(StreamDefaults.EVENTS_STREAM, event(sent + i)));
                if (fs.size() == 1000) {
                    for (RedisFuture<String> f : fs) f.get(10, TimeUnit.SECONDS);
                    fs.clear();
                }
            }
            for (RedisFuture<String> f : fs) f.get(10, TimeUnit.SECONDS);
            await(c, before + burst, 300);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("throughput: %d redis.hset reactions in %.1f s = %.0f reactions/s (%d lanes per stream)%n",
                    burst, secs, burst / secs, lanes);
        } finally {
            client.shutdown();
        }
    }

    private static Map<String, String> event(int i) {
        return EventCodec.encode(TelemetryEvent.builder("job.completed").timestamp(System.currentTimeMillis())
                .service("bench").traceId(String.format("%032x", i + 1L)).spanId(String.format("%016x", i + 1L))
                .jobId("b" + i).workerId("w" + (i % 8)).build());
    }

    private static void await(ReactionStats.Counters c, long executed, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (c.executed.sum() < executed && System.nanoTime() < deadline) Thread.sleep(20);
        if (c.executed.sum() < executed) System.out.println("warning: only " + c.executed.sum() + " of " + executed + " ran in time");
    }
}
