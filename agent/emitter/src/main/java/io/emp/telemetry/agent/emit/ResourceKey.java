package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.log.AgentLog;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.StreamDefaults;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.concurrent.TimeUnit;

/**
 * Keeps the process's OpenTelemetry resource in Redis: {@code SET emp:resource:{instance} <json> EX
 * RESOURCE_TTL_SECONDS} on every (re)connect (Redis may have restarted empty) and every
 * {@link #REFRESH_NANOS} after, so the collector can export each service's data under its own resource
 * while the key outlives the process by the TTL. Writer thread only.
 */
final class ResourceKey {
    static final long REFRESH_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final String key;
    private final EmitterConfig config;
    private final RespEncoder resp;
    /** Encoded on first use, on the writer thread: its JSON would load Jackson on the thread that runs premain. */
    private byte[] command;
    private long nextWriteNanos;
    private boolean due = true;

    ResourceKey(EmitterConfig config, RespEncoder resp) {
        this.key = StreamDefaults.RESOURCE_KEY.replace("{" + io.emp.telemetry.schema.EventFields.INSTANCE + "}", config.instanceId());
        this.config = config;
        this.resp = resp;
    }

    String key() {
        return key;
    }

    void connectionReturned() {
        due = true;
    }

    /** Writes the key when due; an error reply is logged once (a lost connection propagates to the writer). */
    void writeIfDue(WriterConnection connection) {
        long now = System.nanoTime();
        if (!due && now - nextWriteNanos < 0) return;
        due = false;
        nextWriteNanos = now + REFRESH_NANOS;
        if (command == null) {
            command = RedisCommands.setWithExpiry(resp, key, EventCodec.toJson(config.resource().attributes()),
                    StreamDefaults.RESOURCE_TTL_SECONDS);
        }
        try {
            connection.execute(command);
        } catch (JedisDataException error) {
            // OOM and the like pass: try again soon rather than at the next refresh.
            nextWriteNanos = now + TimeUnit.SECONDS.toNanos(5);
            AgentLog.once("resource-key:" + error.getMessage(), AgentLog.Level.WARN, "Redis rejected the resource key '" + key + "': "
                    + error.getMessage() + "; events are still written, but the collector cannot attach this process's resource");
        }
    }
}
