package io.emp.telemetry.it.harness;

import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.MalformedEventException;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the events a test application's agent wrote, decoded with the wire schema. */
public final class RedisEvents implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public RedisEvents(String uri) {
        client = RedisClient.create(uri);
        connection = client.connect();
    }

    /** The service's events in stream order, without the agent's own lifecycle events ({@code service.*}, {@code machine.*}). */
    public List<TelemetryEvent> events(String service) {
        List<TelemetryEvent> out = new ArrayList<>(read(StreamDefaults.EVENTS_STREAM, service));
        out.removeIf(e -> isLifecycle(e) || isMachine(e));
        return out;
    }

    /** Every entry of the service on the events stream, lifecycle events included. */
    public List<TelemetryEvent> eventsStream(String service) {
        return read(StreamDefaults.EVENTS_STREAM, service);
    }

    /** Only the machine events: machine.starting, machine.hardware_detected, machine.ready, machine.shutting_down. */
    public List<TelemetryEvent> machine(String service) {
        List<TelemetryEvent> out = new ArrayList<>(read(StreamDefaults.EVENTS_STREAM, service));
        out.removeIf(e -> !isMachine(e));
        return out;
    }

    /** The agent's own machine events (an application's facade event may be called machine.* too). */
    private static boolean isMachine(TelemetryEvent e) {
        return MACHINE_LIFECYCLE.contains(e.eventType());
    }

    private static final java.util.Set<String> MACHINE_LIFECYCLE = java.util.Set.of(
            "machine.starting", "machine.hardware_detected", "machine.ready", "machine.shutting_down");

    /** Only the lifecycle events: service.starting, service.ready, service.shutting_down. */
    public List<TelemetryEvent> lifecycle(String service) {
        List<TelemetryEvent> out = new ArrayList<>(read(StreamDefaults.EVENTS_STREAM, service));
        out.removeIf(e -> !isLifecycle(e));
        return out;
    }

    private static boolean isLifecycle(TelemetryEvent e) {
        return e.eventType().startsWith("service.");
    }

    public List<TelemetryEvent> errors(String service) {
        return read(StreamDefaults.ERRORS_STREAM, service);
    }

    /** Events and errors of {@code service}, in stream order each. */
    public List<TelemetryEvent> all(String service) {
        List<TelemetryEvent> out = new ArrayList<>(events(service));
        out.addAll(errors(service));
        return out;
    }

    /** The {@code instance} field (the process's {@code service.instance.id}) of the service's first entry. */
    public String instanceOf(String service) {
        for (StreamMessage<String, String> m : connection.sync().xrange(StreamDefaults.EVENTS_STREAM, Range.create("-", "+"))) {
            if (service.equals(m.getBody().get(io.emp.telemetry.schema.EventFields.SERVICE))) {
                return m.getBody().get(io.emp.telemetry.schema.EventFields.INSTANCE);
            }
        }
        return null;
    }

    public long streamLength(String stream) {
        return connection.sync().xlen(stream);
    }

    public String get(String key) {
        return connection.sync().get(key);
    }

    private List<TelemetryEvent> read(String stream, String service) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (StreamMessage<String, String> m : connection.sync().xrange(stream, Range.create("-", "+"))) {
            try {
                TelemetryEvent e = EventCodec.decode(m.getBody());
                if (service.equals(e.service())) out.add(e);
            } catch (MalformedEventException e) {
                throw new AssertionError("malformed entry " + m.getId() + " in " + stream + ": " + e.getMessage());
            }
        }
        return out;
    }

    public static List<TelemetryEvent> ofType(List<TelemetryEvent> events, String type) {
        return events.stream().filter(e -> e.eventType().equals(type)).collect(Collectors.toList());
    }

    public static TelemetryEvent one(List<TelemetryEvent> events, String type) {
        List<TelemetryEvent> found = ofType(events, type);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type + " but found " + found.size() + " in "
                    + events.stream().map(TelemetryEvent::eventType).collect(Collectors.toList()));
        }
        return found.get(0);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
