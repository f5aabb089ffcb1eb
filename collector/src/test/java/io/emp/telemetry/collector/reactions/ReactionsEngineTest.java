package io.emp.telemetry.collector.reactions;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.reactions.delivery.ReactionRunner;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine inside a running collector, against a real Redis and a real HTTP receiver: every action kind. */
class ReactionsEngineTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static RedisClient client;
    static StatefulRedisConnection<String, String> conn;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.uri());
        conn = client.connect();
        redis = conn.sync();
    }

    @AfterAll
    static void close() {
        conn.close();
        client.shutdown();
    }

    static final String LIB = "#!lua name=testjobs\n"
            + "redis.register_function('requeue', function(keys, args) redis.call('HINCRBY', keys[1], 'requeued', 1); "
            + "redis.call('HSET', keys[1], 'delay', args[1]); return 1 end)";

    @Test
    void everyActionKindRunsOnceWithRetriesEventsAndMetrics() throws Exception {
        REDIS.flushAll();
        redis.functionLoad(LIB, true);
        Path dir = Files.createTempDirectory("reactions");
        Path plugins = pluginJar(dir.resolve("plugins"));
        try (WebhookReceiver hooks = new WebhookReceiver()) {
            hooks.statuses.addAll(List.of(500, 500, 500)); // then 200
            Path file = dir.resolve("reactions.yaml");
            Files.writeString(file, String.join("\n",
                    "settings: {retry: {attempts: 5, initial: 50ms, max: 200ms}}",
                    "classify:",
                    "  - {id: upstream, message: 'HTTP 503', category: upstream, recoverable: true, retry: {delay: 2s, maxAttempts: 3}}",
                    "reactions:",
                    "  - id: completed",
                    "    on: job.*",
                    "    where: {path: eventType, equals: job.completed}",
                    "    actions:",
                    "      - redis.hset: {key: 'job:{jobId}:state', fields: {status: completed, worker: '{workerId}'}, ttl: 1h}",
                    "      - redis.hincrby: {key: 'usage:models', field: '{data.model|unknown}', by: 2}",
                    "      - redis.publish: {channel: 'user:{userId}:notifications', message: {jobId: '{jobId}', n: 1}}",
                    "      - webhook:",
                    "          url: '" + hooks.url("/done") + "'",
                    "          secret: '${HOOK_SECRET:-s3cret}'",
                    "          headers: {X-Team: ops}",
                    "          body: {job: '{jobId}', model: '{data.model}'}",
                    "      - log: {message: 'job {jobId} done'}",
                    "      - stamp: {key: 'plugin:{jobId}', value: 'hello {data.model}'}",
                    "  - id: failed",
                    "    on: job.failed",
                    "    actions:",
                    "      - id: retry",
                    "        when: {path: failure.retry, equals: 'true'}",
                    "        redis.fcall: {function: requeue, keys: ['job:{jobId}'], args: ['{failure.delayMs}']}",
                    "      - emit: {event: job.retry_scheduled, data: {delayMs: '{failure.delayMs}', category: '{failure.category}'}}",
                    ""));
            TestConfig config = new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                    .set("EMP_COLLECTOR_FILE_PATH", dir.resolve("events.jsonl").toString())
                    .set("EMP_REACTIONS", file.toString()).set("EMP_COLLECTOR_REACTIONS_PLUGINS", plugins.toString());
            List<String> published = new CopyOnWriteArrayList<>();
            StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    published.add(channel + " " + message);
                }
            });
            sub.sync().subscribe("user:u1:notifications");
            try (Collector collector = Collector.start(config.build())) {
                TelemetryEvent done = TestEvents.event("job.completed", "worker").jobId("j1").workerId("w1").userId("u1")
                        .attribute("model", "sdxl").build();
                TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, done);
                TelemetryEvent failed = TestEvents.event("job.failed", "worker").jobId("j2")
                        .attribute("error", "upstream HTTP 503").attribute("attempt", 1).build();
                TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, failed);

                Await.until(Duration.ofSeconds(20), () -> collector.stats().reactions().reaction("completed").executed.sum() == 1
                        && collector.stats().reactions().reaction("failed").executed.sum() == 1,
                        () -> "reactions: " + collector.stats().reactions().all().keySet() + " requests " + hooks.requests);

                assertEquals("completed", redis.hget("job:j1:state", "status"));
                assertEquals("w1", redis.hget("job:j1:state", "worker"));
                assertTrue(redis.ttl("job:j1:state") > 3000);
                assertEquals("2", redis.hget("usage:models", "sdxl"));
                Await.until(Duration.ofSeconds(5), () -> !published.isEmpty(), () -> "nothing published");
                assertEquals("user:u1:notifications {\"jobId\":\"j1\",\"n\":1}", published.get(0));
                // webhook: 500 three times, then 200 — received once, signed, with the idempotency key
                assertEquals(3, hooks.refused("/done"));
                assertEquals(1, hooks.accepted("/done").size());
                WebhookReceiver.Request req = hooks.accepted("/done").get(0);
                assertEquals("{\"job\":\"j1\",\"model\":\"sdxl\"}", req.body());
                assertEquals("sha256=" + hmac("s3cret", req.body()), req.header("X-Emp-Signature-256"));
                assertEquals("ops", req.header("X-Team"));
                assertTrue(req.header("Idempotency-Key").startsWith("emp:reactions:done:completed:"));
                assertEquals(3, collector.stats().reactions().reaction("completed").retried.sum());
                assertEquals("hello sdxl", redis.get("plugin:j1"), "custom action from the plugin jar");
                // classify + fcall + emit
                assertEquals("1", redis.hget("job:j2", "requeued"));
                assertEquals(0, collector.stats().reactions().reaction("failed").retried.sum(), "FCALL reply read without error");
                assertEquals("2000", redis.hget("job:j2", "delay"));
                List<TelemetryEvent> derived = events(redis);
                TelemetryEvent scheduled = derived.stream().filter(e -> e.eventType().equals("job.retry_scheduled")).findFirst().orElseThrow();
                assertEquals(JobTrace.traceId("j2"), scheduled.traceId());
                assertEquals("upstream", scheduled.data().get("category"));
                TelemetryEvent executed = derived.stream().filter(e -> e.eventType().equals(ReactionRunner.EXECUTED)
                        && "j2".equals(e.jobId())).findFirst().orElseThrow();
                assertEquals("upstream", executed.data().get("failure.category"));
                assertEquals(true, executed.data().get("failure.retry"));
                assertEquals(JobTrace.traceId("j2"), executed.traceId());
                // /metrics
                String metrics = new String(java.net.URI.create("http://127.0.0.1:" + collector.healthPort() + "/metrics")
                        .toURL().openStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(metrics.contains("emp_collector_reactions_executed_total{reaction=\"completed\"} 1"), metrics);
                assertTrue(metrics.contains("emp_collector_reaction_latency_ms{reaction=\"failed\",quantile=\"0.99\"}"), metrics);
            } finally {
                sub.close();
            }
            // Replay over the same history: every action already ran, so nothing is repeated.
            var replay = io.emp.telemetry.collector.cli.CliAccess.run("reactions", "replay", "--from", "1h", "--file", file.toString(),
                    "--plugins", plugins.toString(), "--redis", REDIS.uri());
            assertEquals(0, replay.exit(), replay.toString());
            assertEquals(1, hooks.accepted("/done").size(), "replay does not repeat a webhook");
            assertEquals("1", redis.hget("job:j2", "requeued"), "replay does not repeat a retry");
            var dry = io.emp.telemetry.collector.cli.CliAccess.run("reactions", "replay", "--from", "1h", "--file", file.toString(),
                    "--plugins", plugins.toString(), "--redis", REDIS.uri(), "--dry-run", "--reaction", "failed");
            assertEquals(0, dry.exit(), dry.toString());
            assertTrue(dry.out().contains("retry: FCALL requeue 1 job:j2 2000"), dry.out());
            var check = io.emp.telemetry.collector.cli.CliAccess.run("reactions", "check", file.toString(), "--plugins",
                    plugins.toString(), "--redis", REDIS.uri(), "--json");
            assertEquals(0, check.exit(), check.toString());
            assertTrue(check.out().contains("\"matches\":{\"completed\":1,\"failed\":1}"), check.out());
            assertEquals(2, io.emp.telemetry.collector.cli.CliAccess.run("reactions", "replay").exit(), "usage error");
        }
    }

    static List<TelemetryEvent> events(RedisCommands<String, String> redis) {
        return redis.xrange(StreamDefaults.EVENTS_STREAM, Range.create("-", "+")).stream().map(ReactionsEngineTest::decode).toList();
    }

    private static TelemetryEvent decode(StreamMessage<String, String> m) {
        try {
            return EventCodec.decode(m.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A real plugin jar, compiled here: action "stamp" does SET key value through its own Lettuce connection. */
    static Path pluginJar(Path folder) throws Exception {
        Path src = Files.createTempDirectory("plugin-src");
        Path pkg = src.resolve("acme");
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve("StampFactory.java"), String.join("\n",
                "package acme;",
                "import io.emp.telemetry.collector.reactions.spi.*;",
                "import java.util.Map;",
                "public final class StampFactory implements ReactionActionFactory {",
                "  public String name() { return \"stamp\"; }",
                "  public ReactionAction create(Map<String, Object> config) {",
                "    if (!config.containsKey(\"key\")) throw new IllegalArgumentException(\"stamp needs a key\");",
                "    String url = System.getProperty(\"stamp.redis\");",
                "    return ctx -> {",
                "      var client = io.lettuce.core.RedisClient.create(url);",
                "      try (var c = client.connect()) { c.sync().set(ctx.render((String) config.get(\"key\")), ctx.render((String) config.get(\"value\"))); }",
                "      finally { client.shutdown(); }",
                "    };",
                "  }",
                "}"));
        System.setProperty("stamp.redis", REDIS.uri());
        Path classes = Files.createTempDirectory("plugin-classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), pkg.resolve("StampFactory.java").toString());
        assertEquals(0, rc, "plugin compiles");
        Files.createDirectories(folder);
        Path jar = folder.resolve("stamp-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("acme/StampFactory.class"));
            out.write(Files.readAllBytes(classes.resolve("acme/StampFactory.class")));
            out.putNextEntry(new JarEntry("META-INF/services/io.emp.telemetry.collector.reactions.spi.ReactionActionFactory"));
            out.write("acme.StampFactory\n".getBytes(StandardCharsets.UTF_8));
        }
        return folder;
    }
}
