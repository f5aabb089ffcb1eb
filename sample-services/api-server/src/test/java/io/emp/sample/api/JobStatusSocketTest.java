package io.emp.sample.api;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobQueue;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /ws/jobs} over a real WebSocket, backed by a real Redis: a client follows a job to its end. */
public class JobStatusSocketTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static ApiServer server;
    private static String ws;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;
    private static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        server = new ApiServer(new ApiConfig("127.0.0.1", 0, REDIS.uri()));
        ws = "ws://127.0.0.1:" + server.start() + "/ws/jobs";
        redisClient = RedisClient.create(REDIS.uri());
        redis = redisClient.connect();
        client = new WebSocketClient();
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        client.stop();
        server.close();
        redis.close();
        redisClient.shutdown();
    }

    @Test
    void aFollowerSeesEachStatusAndTheServerClosesWhenTheJobCompletes() throws Exception {
        JobQueue queue = new JobQueue(redis.sync());
        Job job = queue.createJob("echo", Map.of("text", "hi"), 0);
        Follower follower = new Follower();
        Session session = client.connect(follower, URI.create(ws)).get(20, TimeUnit.SECONDS);
        session.sendText("subscribe job:" + job.getId() + ":status", Callback.NOOP);
        assertTrue(next(follower).contains("\"status\":\"pending\""));

        Job claimed = queue.claimJob(List.of("echo"), "w-1", "m-1").orElseThrow();
        assertTrue(next(follower).contains("\"status\":\"claimed\""));
        queue.completeJob(claimed, "w-1", Map.of("echo", "hi"));
        String last = next(follower);
        assertTrue(last.contains("\"status\":\"completed\""), last);

        assertTrue(follower.closed.await(20, TimeUnit.SECONDS));
        assertEquals(1000, follower.code);
        assertEquals("job completed", follower.reason);
    }

    @Test
    void anUnknownJobOrProtocolIsAnsweredWithAnError() throws Exception {
        Follower follower = new Follower();
        Session session = client.connect(follower, URI.create(ws)).get(20, TimeUnit.SECONDS);
        session.sendText("hello", Callback.NOOP);
        assertTrue(next(follower).contains("expected: subscribe"));
        session.sendText("subscribe job:no-such-job:status", Callback.NOOP);
        assertTrue(next(follower).contains("no such job"));
        assertTrue(follower.closed.await(20, TimeUnit.SECONDS));
    }

    private static String next(Follower follower) throws InterruptedException {
        String message = follower.messages.poll(20, TimeUnit.SECONDS);
        assertTrue(message != null, "no message within 20 s");
        return message;
    }

    public static final class Follower implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> messages = new ArrayBlockingQueue<>(32);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int code;
        volatile String reason;

        @Override
        public void onWebSocketText(String message) {
            messages.offer(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            this.code = statusCode;
            this.reason = reason;
            closed.countDown();
        }
    }
}
