package io.emp.telemetry.collector;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lettuce client and its connections: one per stream (XREADGROUP BLOCK holds it) plus one
 * shared for short commands. Commands fail fast while disconnected instead of queueing without
 * bound; Lettuce reconnects in the background.
 */
public final class RedisConnections implements AutoCloseable {
    private final RedisClient client;
    private final List<StatefulRedisConnection<String, String>> open = new ArrayList<>();

    public RedisConnections(String url, Duration commandTimeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(commandTimeout);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    public synchronized RedisCommands<String, String> connect() {
        StatefulRedisConnection<String, String> c = client.connect();
        open.add(c);
        return c.sync();
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
