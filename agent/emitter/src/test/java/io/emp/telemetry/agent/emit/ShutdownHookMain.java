package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.Map;

/** Run in a child JVM by {@link ShutdownFlushTest}: emits, then lets main return; the shutdown hook must flush. */
public final class ShutdownHookMain {
    public static void main(String[] args) {
        int count = Integer.parseInt(args[1]);
        RedisEventEmitter emitter = EmpTelemetry.start(Settings.of(Map.of("redis.url", args[0], "service.name", "hook-test",
                "queue.capacity", "100000", "events.maxlen", "0", "shutdown.timeout", args[2])));
        for (int i = 0; i < count; i++) {
            emitter.emit(TelemetryEvent.builder("hook.tick").timestamp(System.currentTimeMillis()).service("hook-test")
                    .traceId(Ids.newTraceId()).spanId(Ids.newSpanId()).attribute("seq", i).build());
        }
        System.out.println("emitted " + count + ", queued " + emitter.stats().queued());
    }
}
