package io.emp.telemetry.collector.alert;

import io.emp.telemetry.collector.config.CollectorConfig.AlertConfig;
import io.emp.telemetry.collector.consume.ExportedListener;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.TelemetryEvent;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Error alerting on exported error events: more than N errors within a minute overall or per
 * service, and an error type never seen before. "Seen" is a Redis SET, so the first sighting
 * alerts once across restarts and across collector instances (SADD is atomic).
 */
public final class ErrorAlerts implements ExportedListener {
    static final long WINDOW_MS = 60_000;
    private static final int MAX_SERVICES = 1024;
    private static final int MAX_KNOWN_CACHED = 10_000;

    private final AlertConfig config;
    private final RedisCommands<String, String> redis;
    private final AlertSink sink;
    private final BurstWindow overall;
    private final Map<String, BurstWindow> perService = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BurstWindow> eldest) {
            return size() > MAX_SERVICES;
        }
    };
    private final Set<String> knownTypes = ConcurrentHashMap.newKeySet();

    public ErrorAlerts(AlertConfig config, RedisCommands<String, String> redis, AlertSink sink) {
        this.config = config;
        this.redis = redis;
        this.sink = sink;
        this.overall = config.errorsPerMinute() > 0 ? new BurstWindow(config.errorsPerMinute(), WINDOW_MS) : null;
    }

    @Override
    public synchronized void onExported(List<ConsumedEvent> events) {
        for (ConsumedEvent c : events) {
            TelemetryEvent e = c.event();
            if (!e.isError() && !c.fromErrorStream()) continue;
            long now = System.currentTimeMillis();
            if (overall != null && overall.record(e.timestamp())) {
                sink.raise(new Alert(Alert.ERROR_BURST, null, null, overall.count(), WINDOW_MS,
                        "more than " + config.errorsPerMinute() + " errors within one minute (all services)",
                        e.traceId(), now));
            }
            if (config.serviceErrorsPerMinute() > 0) {
                String service = e.service() == null ? "" : e.service();
                BurstWindow w = perService.computeIfAbsent(service,
                        s -> new BurstWindow(config.serviceErrorsPerMinute(), WINDOW_MS));
                if (w.record(e.timestamp())) {
                    sink.raise(new Alert(Alert.SERVICE_ERROR_BURST, service, null, w.count(), WINDOW_MS,
                            "more than " + config.serviceErrorsPerMinute() + " errors within one minute in " + service,
                            e.traceId(), now));
                }
            }
            if (config.newErrorType() && e.errorType() != null) checkNewType(e, now);
        }
    }

    private void checkNewType(TelemetryEvent e, long now) {
        String type = e.errorType();
        if (knownTypes.contains(type)) return;
        Long added = redis.sadd(config.knownTypesKey(), type);
        if (knownTypes.size() < MAX_KNOWN_CACHED) knownTypes.add(type);
        if (added != null && added == 1) {
            sink.raise(new Alert(Alert.NEW_ERROR_TYPE, e.service(), type, 1, 0,
                    "first " + type + " ever seen, in " + e.service() + " (" + e.eventType() + "): " + e.errorMessage(),
                    e.traceId(), now));
        }
    }
}
