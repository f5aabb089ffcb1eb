package io.emp.telemetry.collector.console.api;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.collector.console.live.StatusListener;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/machines}: per machine its last GPU statistics (from {@code machine:*:gpu}, as
 * received since the console started), its last event and its hardware (the data of its last
 * {@code machine.hardware_detected}: CPU, memory, disk, GPUs); per worker its last event and its last
 * lifecycle event ({@code worker.*}, {@code service.*}), from the events stream over the window.
 */
public final class MachinesApi extends ApiHandler {
    /** The agent's event with the machine's hardware facts (agent/core MachineLifecycle). */
    static final String HARDWARE_DETECTED = "machine.hardware_detected";

    public MachinesApi(ConsoleContext ctx) {
        super(ctx);
    }

    @Override
    Object get(HttpExchange ex, Map<String, String> q) {
        Map<String, Map<String, Object>> machines = new TreeMap<>();
        Map<String, Map<String, Object>> workers = new TreeMap<>();
        StreamScanner scanner = ctx.scanner();
        // Newest first: the first event seen of each worker / machine is its last.
        scanner.backward(ctx.eventsStream(), false, ctx.window(q), c -> {
            TelemetryEvent e = c.event();
            if (e.machineId() != null) {
                Map<String, Object> m = machines.computeIfAbsent(e.machineId(), k -> machine(k));
                m.putIfAbsent("lastEvent", brief(c));
                if (HARDWARE_DETECTED.equals(e.eventType())) m.putIfAbsent("hardware", e.data());
            }
            if (e.workerId() != null) {
                Map<String, Object> w = workers.computeIfAbsent(e.workerId(), k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("workerId", k);
                    m.put("machineId", e.machineId());
                    m.put("service", e.service());
                    m.put("lastEvent", brief(c));
                    return m;
                });
                if (isLifecycle(e.eventType())) w.putIfAbsent("lastLifecycleEvent", brief(c));
            }
            return true;
        });
        for (Map.Entry<String, StatusListener.Status> gpu : ctx.status().machines().entrySet()) {
            machines.computeIfAbsent(gpu.getKey(), MachinesApi::machine).put("gpu", gpu.getValue());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machines", new ArrayList<>(machines.values()));
        out.put("workers", new ArrayList<>(workers.values()));
        out.put("truncated", scanner.truncated());
        return out;
    }

    private static Map<String, Object> machine(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machineId", id);
        return m;
    }

    static boolean isLifecycle(String type) {
        return type.startsWith("worker.") || type.startsWith("service.") || type.startsWith("machine.");
    }

    private static Map<String, Object> brief(ConsumedEvent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventType", c.event().eventType());
        m.put("timestamp", c.event().timestamp());
        m.put("jobId", c.event().jobId());
        m.put("service", c.event().service());
        return m;
    }

}
