package io.emp.telemetry.e2e;

import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.MalformedEventException;
import io.emp.telemetry.schema.StreamDefaults;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What the agents wrote: both streams read with XRANGE and decoded with the wire schema. */
final class EventStreams implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    EventStreams(String redisUri) {
        client = RedisClient.create(redisUri);
        connection = client.connect();
    }

    /** Every entry of {@code emp:events}, then every entry of {@code emp:errors}, each in stream order. */
    List<StoredEvent> all() {
        List<StoredEvent> out = new ArrayList<>(read(StreamDefaults.EVENTS_STREAM));
        out.addAll(read(StreamDefaults.ERRORS_STREAM));
        return out;
    }

    /** The entries about {@code jobId} (its {@code jobId} field), streams as in {@link #all()}. */
    List<StoredEvent> ofJob(String jobId) {
        return all().stream().filter(e -> jobId.equals(e.event().jobId())).collect(Collectors.toList());
    }

    List<StoredEvent> ofService(String service) {
        return all().stream().filter(e -> service.equals(e.service())).collect(Collectors.toList());
    }

    RedisCommands<String, String> redis() {
        return connection.sync();
    }

    private List<StoredEvent> read(String stream) {
        List<StoredEvent> out = new ArrayList<>();
        for (StreamMessage<String, String> m : connection.sync().xrange(stream, Range.create("-", "+"))) {
            try {
                out.add(new StoredEvent(stream, m.getId(), EventCodec.decode(m.getBody())));
            } catch (MalformedEventException e) {
                throw new AssertionError("entry " + m.getId() + " of " + stream + " is not a valid event ("
                        + e.getMessage() + "): " + m.getBody());
            }
        }
        return out;
    }

    static String describe(List<StoredEvent> events) {
        return events.isEmpty() ? "\n  (none)"
                : events.stream().map(e -> "\n  " + e).collect(Collectors.joining());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
