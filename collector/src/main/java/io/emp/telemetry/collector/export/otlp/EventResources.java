package io.emp.telemetry.collector.export.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.StreamDefaults;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The OTLP resource of each event: the resource of the process that emitted it, not the collector's.
 *
 * <p>An entry with an {@code instance} field names the key {@code emp:resource:{instance}}, a JSON object the agent
 * writes with its process's resource attributes ({@code service.name}, {@code service.version}, {@code host.name},
 * {@code process.pid}, whatever its {@code OTEL_RESOURCE_ATTRIBUTES} add …). It is read once per instance and kept
 * in a bounded LRU cache, re-read every {@code refresh}. Without the field (older agents), or while the key is
 * missing or unreadable, the resource is {@code service.name} from the entry's {@code service} field.
 *
 * <p>The collector's own {@code OTEL_RESOURCE_ATTRIBUTES} describe the collector and are not copied onto services'
 * data — except {@link #COLLECTOR_DEFAULTS} ({@code deployment.environment.name}), which fill in what a service's
 * resource does not say, so that one environment setting on the collector covers agents that set none.
 */
public final class EventResources {
    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    /** Collector resource attributes used as defaults for services' resources. */
    public static final Set<String> COLLECTOR_DEFAULTS = Set.of("deployment.environment.name");
    static final int MAX_CACHED = 1024;
    /** After a failed read, try again this soon rather than after a full refresh. */
    private static final long RETRY_AFTER_FAILURE_MS = 5_000;
    private static final Logger LOG = Logger.getLogger(EventResources.class.getName());
    /** jackson-core's parser: a resource is a flat object, databind's tree would load some 280 classes for it. */
    private static final JsonFactory JSON = new JsonFactory();

    /** Reads one key: its value, or null when absent; throws when Redis cannot answer. */
    @FunctionalInterface
    public interface KeyReader {
        String get(String key);
    }

    private record Cached(Resource resource, long expiresAt) {
    }

    private final Resource defaults;
    private final KeyReader redis;
    private final long refreshMs;
    private final LongSupplier clock;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED;
        }
    };
    private long failedReads;

    /** Without Redis: every resource is the entry's service name over the collector's defaults. */
    public EventResources(Resource collector) {
        this(collector, key -> null, Duration.ofMinutes(1), System::currentTimeMillis);
    }

    public EventResources(Resource collector, KeyReader redis, Duration refresh, LongSupplier clock) {
        AttributesBuilder b = Attributes.builder();
        collector.getAttributes().forEach((k, v) -> {
            if (COLLECTOR_DEFAULTS.contains(k.getKey())) putObject(b, k.getKey(), v);
        });
        this.defaults = Resource.create(b.build());
        this.redis = redis;
        this.refreshMs = refresh.toMillis();
        this.clock = clock;
    }

    public Resource forEvent(ConsumedEvent c) {
        return resource(c.event().service(), c.instance());
    }

    /** The resource of a service known only by name (entries without {@code instance}). */
    public Resource forService(String service) {
        return resource(service, null);
    }

    public synchronized Resource resource(String service, String instance) {
        String name = service == null || service.isEmpty() ? "unknown_service" : service;
        String cacheKey = (instance == null ? "" : instance) + '\u0000' + name;
        long now = clock.getAsLong();
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAt > now) return cached.resource;
        Resource fallback = defaults.merge(Resource.create(Attributes.of(SERVICE_NAME, name)));
        if (instance == null) {
            cache.put(cacheKey, new Cached(fallback, Long.MAX_VALUE));
            return fallback;
        }
        Resource r;
        long expires = now + refreshMs;
        try {
            String json = redis.get(StreamDefaults.RESOURCE_KEY.replace("{instance}", instance));
            r = json == null ? fallback : fallback.merge(parse(json));
        } catch (RuntimeException e) {
            if (failedReads++ % 100 == 0) {
                LOG.warning("cannot read the resource of instance " + instance + " (" + e.getClass().getSimpleName()
                        + "); exporting its data with service.name=" + name + " until it can be read");
            }
            // Keep a good resource read earlier rather than downgrading to the bare fallback.
            r = cached != null ? cached.resource : fallback;
            expires = now + Math.min(refreshMs, RETRY_AFTER_FAILURE_MS);
        }
        cache.put(cacheKey, new Cached(r, expires));
        return r;
    }

    /**
     * A JSON object of resource attributes: strings, numbers, booleans, arrays of one of those (kept as their text).
     * Nulls and nested objects are left out; anything that is not a JSON object is the empty resource.
     */
    static Resource parse(String json) {
        AttributesBuilder b = Attributes.builder();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return Resource.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.getCurrentName();
                JsonToken value = p.nextToken();
                switch (value) {
                    case VALUE_STRING -> b.put(key, p.getText());
                    case VALUE_TRUE, VALUE_FALSE -> b.put(key, value == JsonToken.VALUE_TRUE);
                    case VALUE_NUMBER_INT -> b.put(key, p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? p.getBigIntegerValue().longValue() : p.getLongValue());
                    case VALUE_NUMBER_FLOAT -> b.put(key, p.getDoubleValue());
                    case START_ARRAY -> b.put(AttributeKey.stringArrayKey(key), arrayText(p));
                    default -> p.skipChildren(); // null, a nested object: not an attribute value
                }
            }
        } catch (java.io.IOException e) {
            return Resource.empty();
        }
        return Resource.create(b.build());
    }

    /** An array's elements as text: numbers and booleans as written, nested arrays and objects as "". */
    private static List<String> arrayText(JsonParser p) throws java.io.IOException {
        List<String> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) throw new java.io.EOFException("unterminated array");
            switch (t) {
                case START_ARRAY, START_OBJECT -> {
                    p.skipChildren();
                    values.add("");
                }
                case VALUE_NUMBER_FLOAT -> values.add(Double.toString(p.getDoubleValue()));
                default -> values.add(p.getText());
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void putObject(AttributesBuilder b, String key, Object v) {
        if (v instanceof String s) b.put(key, s);
        else if (v instanceof Boolean bool) b.put(key, bool);
        else if (v instanceof Long l) b.put(key, l);
        else if (v instanceof Double d) b.put(key, d);
        else if (v instanceof List<?> list) b.put(AttributeKey.stringArrayKey(key), (List<String>) list);
    }
}
