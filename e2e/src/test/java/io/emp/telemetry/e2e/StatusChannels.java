package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.schema.StreamDefaults;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Records every message on the job status channels ({@code job:*:status}). Pub/Sub is fire and
 * forget, so it must be subscribed before the first job is submitted: the constructor returns once
 * Redis confirmed the subscription.
 */
final class StatusChannels implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final List<Map.Entry<String, String>> messages = new CopyOnWriteArrayList<>();

    StatusChannels(String redisUri) {
        client = RedisClient.create(redisUri);
        connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                messages.add(Map.entry(channel, message));
            }
        });
        connection.sync().psubscribe(channelOf("*"));
    }

    static String channelOf(String jobId) {
        return StreamDefaults.JOB_STATUS_CHANNEL.replace("{jobId}", jobId);
    }

    /** The messages published on {@code jobId}'s status channel so far, in arrival order, parsed. */
    List<JsonNode> of(String jobId) {
        String channel = channelOf(jobId);
        return messages.stream().filter(m -> m.getKey().equals(channel)).map(m -> parse(m.getValue()))
                .collect(Collectors.toList());
    }

    private static JsonNode parse(String message) {
        try {
            return JSON.readTree(message);
        } catch (IOException e) {
            throw new AssertionError("status message is not JSON: " + message, e);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
