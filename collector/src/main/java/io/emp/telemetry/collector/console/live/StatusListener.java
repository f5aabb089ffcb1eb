package io.emp.telemetry.collector.console.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.collector.console.web.Http;
import io.emp.telemetry.schema.StreamDefaults;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Pub/Sub half of the event system: PSUBSCRIBE to the job status and machine GPU channels
 * (their templates from {@link StreamDefaults} with the id replaced by {@code *}). Each message goes
 * to the live feed, and the latest one per job and per machine is kept (bounded) for the jobs and
 * machines pages. Pub/Sub keeps nothing, so a console started mid-job learns where a job is from
 * {@code job:{jobId}:latest-status} ({@link #latestStatusKey}). The subscription is retried until
 * Redis answers; after that Lettuce subscribes again by itself on every reconnect.
 */
public final class StatusListener {
    public static final List<String> PATTERNS = List.of(
            StreamDefaults.JOB_STATUS_CHANNEL.replace("{jobId}", "*"),
            StreamDefaults.MACHINE_GPU_CHANNEL.replace("{machineId}", "*"));
    private static final int MAX_JOBS = 10_000;
    private static final int MAX_MACHINES = 1_000;

    /** One status message: channel, the JSON payload (or the raw text), when the console received it. */
    public record Status(String channel, String id, Object message, long receivedAt) {
    }

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final LiveHub hub;
    private final Map<String, Status> jobs = bounded(MAX_JOBS);
    private final Map<String, Status> machines = bounded(MAX_MACHINES);
    private final LongAdder received = new LongAdder();
    private final AtomicLong lastMessageAt = new AtomicLong();
    private volatile boolean subscribed;
    private volatile String lastError;

    public StatusListener(StatefulRedisPubSubConnection<String, String> connection, LiveHub hub) {
        this.connection = connection;
        this.hub = hub;
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                onMessage(channel, message);
            }
        });
    }

    /** Key the agent sets with each job status it publishes (short TTL): where a job is, for a page opened mid-job. */
    public static String latestStatusKey(String jobId) {
        return StreamDefaults.JOB_STATUS_CHANNEL.replace("{jobId}", jobId).replaceAll(":status$", ":latest-status");
    }

    /** Subscribes now, or keeps trying every second on {@code scheduler} until Redis answers. */
    public void start(ScheduledExecutorService scheduler) {
        scheduler.execute(() -> trySubscribe(scheduler));
    }

    private void trySubscribe(ScheduledExecutorService scheduler) {
        try {
            connection.sync().psubscribe(PATTERNS.toArray(String[]::new));
            subscribed = true;
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            if (!scheduler.isShutdown()) scheduler.schedule(() -> trySubscribe(scheduler), 1, TimeUnit.SECONDS);
        }
    }

    void onMessage(String channel, String message) {
        received.increment();
        long now = System.currentTimeMillis();
        lastMessageAt.set(now);
        Object payload = parse(message);
        String[] parts = channel.split(":");
        String id = parts.length >= 3 ? String.join(":", List.of(parts).subList(1, parts.length - 1)) : channel;
        Status s = new Status(channel, id, payload, now);
        if (channel.startsWith("job:")) {
            synchronized (jobs) {
                jobs.put(id, s);
            }
        } else if (channel.startsWith("machine:")) {
            synchronized (machines) {
                machines.put(id, s);
            }
        }
        hub.publish(new LiveHub.Message(LiveHub.Kind.STATUS, s, s));
    }

    static Object parse(String message) {
        try {
            JsonNode node = Http.JSON.readTree(message);
            return node.isObject() ? node : message;
        } catch (JsonProcessingException e) {
            return message;
        }
    }

    public Status latestForJob(String jobId) {
        synchronized (jobs) {
            return jobs.get(jobId);
        }
    }

    public Map<String, Status> machines() {
        synchronized (machines) {
            return new LinkedHashMap<>(machines);
        }
    }

    /** For the status pane: subscribed, patterns, messages received, when the last one came. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscribed", subscribed && connection.isOpen());
        m.put("patterns", PATTERNS);
        m.put("received", received.sum());
        m.put("lastMessageAt", lastMessageAt.get() == 0 ? null : lastMessageAt.get());
        m.put("error", lastError);
        return m;
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
