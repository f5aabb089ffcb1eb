package io.emp.telemetry.collector.console.api;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.collector.console.live.LiveHub;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/status}: Redis reachable or not, the Pub/Sub subscription, open live feeds, what the console offers. */
public final class StatusApi extends ApiHandler {
    private final LiveHub hub;
    private final boolean actions;

    public StatusApi(ConsoleContext ctx, LiveHub hub, boolean actions) {
        super(ctx);
        this.hub = hub;
        this.actions = actions;
    }

    @Override
    Object get(HttpExchange ex, Map<String, String> q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redis", ctx.redisState().snapshot());
        out.put("pubsub", ctx.status().snapshot());
        out.put("liveClients", hub.subscribers());
        out.put("streams", Map.of("events", ctx.eventsStream(), "errors", ctx.errorsStream()));
        out.put("windowMs", ctx.config().window().toMillis());
        out.put("gapMs", ctx.config().gapMs());
        out.put("traceUrl", ctx.config().traceUrl().isEmpty() ? null : ctx.config().traceUrl());
        out.put("actions", Map.of("retry", actions));
        return out;
    }
}
