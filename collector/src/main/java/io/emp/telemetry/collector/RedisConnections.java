package io.emp.telemetry.collector;

import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.security.SecretMask;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The Lettuce client and its connections: one per stream (XREADGROUP BLOCK holds it) plus one
 * shared for short commands. Commands fail fast while disconnected instead of queueing without
 * bound; Lettuce reconnects in the background.
 */
public final class RedisConnections implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisConnections.class.getName());
    /** Lettuce's switch for its Java Flight Recorder events. */
    static final String LETTUCE_JFR = "io.lettuce.core.jfr";

    static {
        lettuceDefaults();
    }
    private final RedisClient client;
    private final List<StatefulRedisConnection<String, String>> open = new ArrayList<>();

    public RedisConnections(String url, Duration commandTimeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(commandTimeout);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // No per-command timeout task: every command of the synchronous API used here is already bounded by
                // the connection's timeout (set above). The task held the command, and so its whole reply, until
                // the timer's next tick; a draining collector's XREADGROUP replies then outlived young collections
                // and were promoted: four times as many full collections, a fifth of the drain's CPU
                // (docs/collector.md, "The hot path").
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .build());
    }

    /**
     * Lettuce records a JFR event for every connection event when {@code jdk.jfr} is present, which loads about a
     * hundred JFR classes and registers their event types for recordings nobody starts (docs/collector.md,
     * "Footprint"). Off unless the user sets {@code -Dio.lettuce.core.jfr=true}. Called before the first Lettuce
     * client is made: Lettuce reads the property once.
     */
    public static void lettuceDefaults() {
        if (System.getProperty(LETTUCE_JFR) == null) System.setProperty(LETTUCE_JFR, "false");
    }

    public synchronized RedisCommands<String, String> connect() {
        return connect(StringCodec.UTF8);
    }

    synchronized RedisCommands<String, String> connect(RedisCodec<String, String> codec) {
        StatefulRedisConnection<String, String> c = client.connect(codec);
        open.add(c);
        return c.sync();
    }

    /**
     * The first connection, retried with back-off for as long as Redis cannot be reached (it may
     * start after the collector): one WARNING line, then one every tenth attempt, no stack trace.
     */
    RedisCommands<String, String> connectWhenReachable(String url, RedisCodec<String, String> codec, Backoff backoff)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                RedisCommands<String, String> c = connect(codec);
                if (attempt > 0) LOG.info("Redis at " + redacted(url) + " reachable after " + attempt + " failed attempts");
                return c;
            } catch (RedisConnectionException e) {
                if (attempt == 0 || attempt % 10 == 0) {
                    LOG.warning("Redis at " + redacted(url) + " unreachable (" + SecretMask.redact(rootMessage(e))
                            + "); retrying with back-off, /health answers 503 meanwhile (attempt " + (attempt + 1) + ")");
                }
                Thread.sleep(backoff.delay(attempt, null).toMillis());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }

    /** A Pub/Sub connection (Lettuce subscribes again by itself after a reconnect). */
    public synchronized StatefulRedisPubSubConnection<String, String> connectPubSub() {
        StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
        open.add(c);
        return c;
    }

    /** {@code host:port} of a Redis URL, for messages: never the password. */
    public static String redacted(String url) {
        try {
            RedisURI uri = RedisURI.create(url);
            return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
        } catch (RuntimeException e) {
            return "(unparseable Redis URL)";
        }
    }

    @Override
    public synchronized void close() {
        for (StatefulRedisConnection<String, String> c : open) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // Shutting down anyway.
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
