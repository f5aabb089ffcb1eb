package io.emp.telemetry.it.harness;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records every Pub/Sub message matching a pattern, for assertions after a test application ran. */
public final class PubSubRecorder implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final List<Map.Entry<String, String>> messages = new CopyOnWriteArrayList<>();

    public PubSubRecorder(String uri, String pattern) {
        client = RedisClient.create(uri);
        connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String p, String channel, String message) {
                messages.add(Map.entry(channel, message));
            }
        });
        connection.sync().psubscribe(pattern);
    }

    /** Messages on {@code channel}, waiting up to a few seconds for at least one. */
    public List<String> on(String channel) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> found;
        do {
            found = messages.stream().filter(m -> m.getKey().equals(channel)).map(Map.Entry::getValue)
                    .collect(Collectors.toList());
            if (!found.isEmpty()) return found;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
