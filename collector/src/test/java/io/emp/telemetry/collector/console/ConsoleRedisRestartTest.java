package io.emp.telemetry.collector.console;

import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis goes away and comes back: the console says so on its feed and status, reconnects, and the live feed goes on. */
class ConsoleRedisRestartTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void theConsoleSaysRedisIsAwayThenReconnectsAndKeepsFeedingEvents() {
        try (ConsoleServer console = ConsoleTestSetup.start(REDIS.uri())) {
            ConsoleClient http = new ConsoleClient("http://127.0.0.1:" + console.port(), null);
            try (ConsoleClient.Feed feed = http.live("")) {
                assertTrue(feed.next("redis", Duration.ofSeconds(5)).data().get("up").asBoolean());
                REDIS.stop();
                ConsoleClient.Message down = feed.next("redis", Duration.ofSeconds(15));
                assertFalse(down.data().get("up").asBoolean());
                assertTrue(down.data().get("error").asText().contains("Redis"), down.data().toString());
                assertFalse(http.json("/api/status").at("/redis/up").asBoolean());
                assertEquals(503, http.get("/api/jobs").statusCode(), "API calls say Redis is away");
                assertTrue(http.get("/jobs.html").statusCode() == 200, "the pages are still served");

                REDIS.start();
                ConsoleClient.Message up = nextUp(feed);
                assertTrue(up.data().get("up").asBoolean());
                Await.until(Duration.ofSeconds(15), () -> http.get("/api/jobs").statusCode() == 200, () -> "API still failing");
                RedisClient client = RedisClient.create(REDIS.uri());
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    TestEvents.xadd(c.sync(), StreamDefaults.EVENTS_STREAM, TestEvents.event("after.restart", "svc").build());
                    assertEquals("after.restart", feed.next("event", Duration.ofSeconds(10)).data().get("eventType").asText());
                    Await.until(Duration.ofSeconds(15), () -> http.json("/api/status").at("/pubsub/subscribed").asBoolean(),
                            () -> "not subscribed again");
                    ConsoleClient.Feed statusFeed = http.live("?kinds=status");
                    statusFeed.next("redis", Duration.ofSeconds(5));
                    Await.until(Duration.ofSeconds(15), () -> {
                        c.sync().publish("job:j-after:status", "{\"progress\":5}");
                        try {
                            statusFeed.next("status", Duration.ofMillis(300));
                            return true;
                        } catch (AssertionError notYet) {
                            return false;
                        }
                    }, () -> "no status message after the restart: Pub/Sub not resubscribed");
                    statusFeed.close();
                } finally {
                    client.shutdown();
                }
            }
        }
    }

    private static ConsoleClient.Message nextUp(ConsoleClient.Feed feed) {
        while (true) {
            ConsoleClient.Message m = feed.next("redis", Duration.ofSeconds(20));
            if (m.data().get("up").asBoolean()) return m;
        }
    }
}
