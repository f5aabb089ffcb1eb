package io.emp.telemetry.collector.export.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OTLP resource of each event: the environment's resource ({@code OTEL_RESOURCE_ATTRIBUTES}) with
 * {@code service.name} set to the service that emitted the event. Cached per service, bounded.
 */
public final class EventResources {
    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final int MAX_CACHED = 1024;

    private final Resource base;
    private final Map<String, Resource> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resource> eldest) {
            return size() > MAX_CACHED;
        }
    };

    public EventResources(Resource base) {
        this.base = base;
    }

    public synchronized Resource forService(String service) {
        String name = service == null || service.isEmpty() ? "unknown_service" : service;
        return cache.computeIfAbsent(name, n -> base.merge(Resource.create(
                io.opentelemetry.api.common.Attributes.of(SERVICE_NAME, n))));
    }
}
