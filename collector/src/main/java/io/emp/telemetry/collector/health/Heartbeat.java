package io.emp.telemetry.collector.health;

import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps {@code emp:collectors:<consumer>} alive with a TTL, so a CLI can list running collectors
 * with {@code SCAN MATCH emp:collectors:*}; a killed collector's key expires on its own.
 */
public final class Heartbeat implements Runnable {
    public static final String KEY_PREFIX = "emp:collectors:";

    private final RedisCommands<String, String> redis;
    private final String consumer;
    private final Duration ttl;
    private final CollectorStats stats;
    private final Map<String, String> fixed = new LinkedHashMap<>();

    public Heartbeat(RedisCommands<String, String> redis, String consumer, Duration ttl, CollectorStats stats,
                     String streams, String exporters, int healthPort) {
        this.redis = redis;
        this.consumer = consumer;
        this.ttl = ttl;
        this.stats = stats;
        fixed.put("consumer", consumer);
        fixed.put("pid", Long.toString(ProcessHandle.current().pid()));
        fixed.put("startedAt", Long.toString(System.currentTimeMillis()));
        fixed.put("streams", streams);
        fixed.put("exporters", exporters);
        fixed.put("healthPort", Integer.toString(healthPort));
    }

    public String key() {
        return KEY_PREFIX + consumer;
    }

    @Override
    public void run() {
        try {
            Map<String, String> h = new LinkedHashMap<>(fixed);
            h.put("lastSeen", Long.toString(System.currentTimeMillis()));
            long consumed = 0;
            long exported = 0;
            long lost = 0;
            for (CollectorStats.StreamCounters c : stats.streams().values()) {
                consumed += c.consumed.sum();
                exported += c.exported.sum();
                lost += c.lostTotal();
            }
            h.put("lost", Long.toString(lost));
            h.put("consumed", Long.toString(consumed));
            h.put("exported", Long.toString(exported));
            h.put("lastExport", Long.toString(stats.lastSuccessfulExport()));
            redis.hset(key(), h);
            redis.pexpire(key(), ttl.toMillis());
            stats.redisReachable(true);
        } catch (RuntimeException e) {
            stats.redisReachable(false);
        }
    }

    public void remove() {
        try {
            redis.del(key());
        } catch (RuntimeException ignored) {
            // Expires by itself.
        }
    }
}
