package io.emp.telemetry.collector.cli;

import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.emp.telemetry.collector.RedisConnections;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Load generator: XADDs realistic events at a fixed rate (pipelined) and, given a collector's pid,
 * samples its resident set size from /proc once a second, so the collector's footprint under load
 * is measured rather than guessed.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Write events at a fixed rate and sample a collector's RSS (load test).",
                "Exit code: 0, 2 on a bad command line."})
final class BenchCommand implements Callable<Integer> {
    static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";

    @Option(names = "--redis", paramLabel = "URL", description = "Redis to write to (default: EMP_REDIS_URL, else " + DEFAULT_REDIS + ")")
    String redis;
    /** Before --redis was the one name everywhere; kept so that scripts keep working, with a warning. */
    @Option(names = "--redis-url", paramLabel = "URL", hidden = true)
    String redisUrlDeprecated;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--rate", defaultValue = "10000", description = "events per second (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--seconds", defaultValue = "60", description = "how long (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--stream", defaultValue = StreamDefaults.EVENTS_STREAM, description = "stream (default ${DEFAULT-VALUE})")
    String stream;
    @Option(names = "--maxlen", defaultValue = "1000000", description = "approximate MAXLEN while writing (default ${DEFAULT-VALUE})")
    long maxLen;
    @Option(names = "--collector-pid", description = "pid of the collector whose RSS to sample")
    Long collectorPid;

    @Override
    public Integer call() throws Exception {
        String redisUrl = redisUrl();
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            conn.setAutoFlushCommands(false);
            RedisAsyncCommands<String, String> async = conn.async();
            XAddArgs args = XAddArgs.Builder.maxlen(maxLen).approximateTrimming();
            long perTick = Math.max(1, rate / 100);
            long start = System.nanoTime();
            long written = 0;
            long maxRss = 0;
            for (int s = 0; s < seconds; s++) {
                for (int tick = 0; tick < 100; tick++) {
                    List<RedisFuture<?>> futures = new ArrayList<>((int) perTick);
                    for (int i = 0; i < perTick; i++) futures.add(async.xadd(stream, args, EventCodec.encode(event(written++))));
                    conn.flushCommands();
                    LettuceFutures.awaitAll(Duration.ofSeconds(10), futures.toArray(new RedisFuture[0]));
                    long due = start + TimeUnit.MILLISECONDS.toNanos((s * 100L + tick + 1) * 10);
                    long sleep = due - System.nanoTime();
                    if (sleep > 0) TimeUnit.NANOSECONDS.sleep(sleep);
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                long rss = collectorPid == null ? -1 : rssKb(collectorPid);
                maxRss = Math.max(maxRss, rss);
                System.out.printf("t=%3ds written=%d rate=%.0f/s%s%n", s + 1, written, written / elapsed,
                        rss < 0 ? "" : " collector VmRSS=" + rss / 1024 + " MiB");
            }
            if (collectorPid != null) {
                System.out.println("collector peak VmRSS during run: " + maxRss / 1024 + " MiB; VmHWM: "
                        + hwmKb(collectorPid) / 1024 + " MiB");
            }
        } finally {
            client.shutdown();
        }
        return 0;
    }

    private String redisUrl() {
        if (redisUrlDeprecated != null) {
            spec.commandLine().getErr().println("bench: warning: --redis-url is deprecated, use --redis");
            spec.commandLine().getErr().flush();
            if (redis == null) return redisUrlDeprecated;
        }
        if (redis != null) return redis;
        String env = System.getenv("EMP_REDIS_URL");
        String url = env != null && !env.isBlank() ? env : DEFAULT_REDIS;
        spec.commandLine().getErr().println("bench: writing to Redis at " + RedisConnections.redacted(url)
                + " (" + (env != null && !env.isBlank() ? "EMP_REDIS_URL" : "default") + "; --redis URL to choose)");
        spec.commandLine().getErr().flush();
        return url;
    }

    private static TelemetryEvent event(long n) {
        String job = "bench-" + (n / 4);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String type = switch ((int) (n % 4)) {
            case 0 -> "job.created";
            case 1 -> "job.claimed";
            case 2 -> "connector.processing_completed";
            default -> "job.completed";
        };
        return TelemetryEvent.builder(type).timestamp(System.currentTimeMillis()).service(n % 4 == 0 ? "api-server" : "worker")
                .traceId(JobTrace.traceId(job)).spanId(String.format("%016x", r.nextLong() | 1)).jobId(job)
                .parentSpanId(JobTrace.rootSpanId(job)).workerId("worker-1").machineId("bench")
                .attribute("durationMs", type.endsWith("completed") ? r.nextInt(1, 500) : null)
                .attribute("job.type", "echo").build();
    }

    private static long rssKb(long pid) {
        return statusKb(pid, "VmRSS:");
    }

    private static long hwmKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
