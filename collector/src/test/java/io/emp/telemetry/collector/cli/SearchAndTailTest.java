package io.emp.telemetry.collector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchAndTailTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String EVENTS = StreamDefaults.EVENTS_STREAM;
    private static final String ERRORS = StreamDefaults.ERRORS_STREAM;

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;
    private static RedisCommands<String, String> redis;

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

    @BeforeEach
    void clean() {
        REDIS.flushAll();
    }

    private static TelemetryEvent event(String type, String service, String job) {
        return TestEvents.event(type, service).jobId(job).build();
    }

    private void seed() {
        long t = System.currentTimeMillis() - 1000;
        TestEvents.xadd(redis, EVENTS, TestEvents.event("job.created", "api-server").jobId("job-a1").timestamp(t).build());
        TestEvents.xadd(redis, EVENTS, TestEvents.event("job.claimed", "worker").jobId("job-a1").timestamp(t + 1).build());
        TestEvents.xadd(redis, EVENTS, TestEvents.event("connector.processing_completed", "worker").jobId("job-a1")
                .timestamp(t + 2).build());
        TestEvents.xadd(redis, EVENTS, TestEvents.event("job.created", "api-server").jobId("job-b2").timestamp(t + 3).build());
        TestEvents.xadd(redis, ERRORS, TestEvents.event("connector.processing_failed", "worker").jobId("job-b2")
                .timestamp(t + 4).errorType("java.io.IOException").errorMessage("model download failed").build());
    }

    private static List<String> types(CliRun r) {
        return r.out().lines().map(l -> l.substring(2).trim().split("\\s+")[3]).toList();
    }

    @Test
    void searchFiltersByJobServiceTypeAndErrors() {
        seed();
        CliRun byJob = CliRun.of("search", "--job", "job-a1", "--redis", REDIS.uri());
        assertEquals(0, byJob.exit(), byJob::toString);
        assertEquals(List.of("job.created", "job.claimed", "connector.processing_completed"), types(byJob), byJob::toString);

        CliRun byGlobJobAndService = CliRun.of("search", "--job", "job-*", "--service", "api-*", "--redis", REDIS.uri());
        assertEquals(List.of("job.created", "job.created"), types(byGlobJobAndService), byGlobJobAndService::toString);

        CliRun byTypeSubstring = CliRun.of("search", "--type", "processing", "--redis", REDIS.uri());
        assertEquals(List.of("connector.processing_completed", "connector.processing_failed"), types(byTypeSubstring),
                byTypeSubstring::toString);
        assertTrue(byTypeSubstring.out().lines().anyMatch(l -> l.startsWith("! ")
                && l.contains("java.io.IOException: model download failed")), byTypeSubstring::toString);

        CliRun byTypeGlob = CliRun.of("search", "--type", "job.*ed", "--service", "worker", "--redis", REDIS.uri());
        assertEquals(List.of("job.claimed"), types(byTypeGlob), byTypeGlob::toString);

        CliRun errorsOnly = CliRun.of("search", "--errors", "--redis", REDIS.uri());
        assertEquals(List.of("connector.processing_failed"), types(errorsOnly), errorsOnly::toString);

        CliRun none = CliRun.of("search", "--service", "billing", "--redis", REDIS.uri());
        assertEquals(1, none.exit(), none::toString);
        assertTrue(none.err().contains("no matching events"), none::toString);
    }

    @Test
    void searchByTraceTimeAndLimitWithJsonLines() throws Exception {
        redis.xadd(EVENTS, new XAddArgs().id("1000-0"),
                EventCodec.encode(event("job.created", "api-server", "job-old").toBuilder().timestamp(1000).build()));
        TelemetryEvent traced = event("job.completed", "worker", "job-t");
        TestEvents.xadd(redis, EVENTS, traced);
        for (int i = 0; i < 5; i++) TestEvents.xadd(redis, EVENTS, event("job.claimed", "worker", "job-n" + i));

        CliRun byTrace = CliRun.of("search", "--trace", traced.traceId().substring(0, 12), "--redis", REDIS.uri(), "--json");
        assertEquals(1, byTrace.out().lines().count(), byTrace::toString);
        Map<?, ?> json = new ObjectMapper().readValue(byTrace.out(), Map.class);
        assertEquals("job-t", json.get("jobId"));
        assertEquals(traced.traceId(), json.get("traceId"));
        assertEquals("emp:events", json.get("stream"));

        CliRun all = CliRun.of("search", "--redis", REDIS.uri());
        assertTrue(all.out().contains("job=job-old"), all::toString);
        CliRun recent = CliRun.of("search", "--last", "15m", "--redis", REDIS.uri());
        assertFalse(recent.out().contains("job=job-old"), recent::toString);
        assertEquals(6, recent.out().lines().count(), recent::toString);

        CliRun limited = CliRun.of("search", "--limit", "2", "--redis", REDIS.uri());
        assertEquals(2, limited.out().lines().count(), limited::toString);
        assertTrue(limited.out().contains("job=job-n3") && limited.out().contains("job=job-n4"), "the newest two: " + limited);

        CliRun badTime = CliRun.of("search", "--since", "yesterday-ish", "--redis", REDIS.uri());
        assertEquals(2, badTime.exit(), badTime::toString);
        assertTrue(badTime.err().contains("'yesterday-ish' is not a time"), badTime::toString);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void tailPrintsOnlyEventsAddedAfterItStartedAndStopsAfterCount() throws Exception {
        TestEvents.xadd(redis, EVENTS, event("job.created", "worker", "job-before"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            var cl = CollectorCli.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return cl.execute("tail", "--service", "worker", "--count", "2", "--redis", REDIS.uri());
        });
        while (!err.toString().contains("tail: following")) {
            assertFalse(exit.isDone(), () -> "tail ended early: " + err);
            Thread.sleep(20);
        }

        TestEvents.xadd(redis, EVENTS, event("job.created", "api-server", "job-filtered-out"));
        TestEvents.xadd(redis, EVENTS, event("job.claimed", "worker", "job-live"));
        Thread.sleep(300); // the second event arrives in a later XREAD than the first
        TestEvents.xadd(redis, ERRORS, TestEvents.event("connector.processing_failed", "worker").jobId("job-live")
                .errorType("java.lang.RuntimeException").errorMessage("boom").build());

        assertEquals(0, exit.get(15, TimeUnit.SECONDS), () -> out + "\n" + err);
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out::toString);
        assertTrue(lines.get(0).contains("job.claimed") && lines.get(0).contains("job=job-live"), out::toString);
        assertTrue(lines.get(1).startsWith("! ") && lines.get(1).contains("java.lang.RuntimeException: boom"), out::toString);
        assertFalse(out.toString().contains("job-before"), out::toString);
    }
}
