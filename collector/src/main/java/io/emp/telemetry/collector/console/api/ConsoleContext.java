package io.emp.telemetry.collector.console.api;

import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.console.live.RedisState;
import io.emp.telemetry.collector.console.live.StatusListener;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.TimeSpec;
import io.emp.telemetry.collector.inspect.TimeWindow;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.Map;

/** What the API handlers share: settings, stream names, a Redis connection for short commands, the live state. */
public record ConsoleContext(ConsoleConfig config, String eventsStream, String errorsStream,
                             RedisCommands<String, String> redis, StatusListener status, RedisState redisState) {

    /** A bounded scanner for one request. */
    public StreamScanner scanner() {
        return new StreamScanner(redis, config.scanLimit());
    }

    /**
     * The time window of a request: {@code since}/{@code until} (times as the CLI takes them: {@code 15m},
     * ISO-8601, epoch ms) or {@code last} (a duration), else the configured {@code collector.console.window}.
     */
    public TimeWindow window(Map<String, String> q) {
        long now = System.currentTimeMillis();
        Long until = q.containsKey("until") ? TimeSpec.parse(q.get("until"), now) : null;
        if (q.containsKey("since")) return new TimeWindow(TimeSpec.parse(q.get("since"), now), until);
        long last = q.containsKey("last") ? TimeSpec.duration(q.get("last")).toMillis() : config.window().toMillis();
        return new TimeWindow((until == null ? now : until) - last, until);
    }

    /** The OTLP backend's page of a trace, when a template is configured. */
    public String traceUrl(String traceId) {
        return config.traceUrl().isEmpty() || traceId == null ? null : config.traceUrl().replace("{traceId}", traceId);
    }
}
