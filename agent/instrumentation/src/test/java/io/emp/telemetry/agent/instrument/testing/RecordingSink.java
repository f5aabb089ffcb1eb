package io.emp.telemetry.agent.instrument.testing;

import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.TelemetryEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A test double of the agent's {@link EventSink}: keeps every event, in order. */
public final class RecordingSink implements EventSink {
    private final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(TelemetryEvent event) {
        events.add(event);
    }

    @Override
    public void publish(String channel, Map<String, ?> data) {
        throw new AssertionError("no instrumentation of this module publishes to Pub/Sub: " + channel);
    }

    public void clear() {
        events.clear();
    }

    public List<TelemetryEvent> all() {
        return new ArrayList<>(events);
    }

    public List<TelemetryEvent> ofType(String type) {
        return events.stream().filter(e -> e.eventType().equals(type)).collect(Collectors.toList());
    }

    /** Waits until {@code count} events match (asynchronous completions arrive on other threads). */
    public List<TelemetryEvent> await(Predicate<TelemetryEvent> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TelemetryEvent> found;
        do {
            found = events.stream().filter(match).collect(Collectors.toList());
            if (found.size() >= count) return found;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " matching event(s) within " + timeout + ", got " + found
                + "; all events: " + events);
    }

    public List<TelemetryEvent> await(String type, int count) {
        return await(e -> e.eventType().equals(type), count, Duration.ofSeconds(5));
    }
}
