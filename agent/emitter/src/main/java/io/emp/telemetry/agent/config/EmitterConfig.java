package io.emp.telemetry.agent.config;

import io.emp.telemetry.agent.log.AgentLog;
import io.emp.telemetry.schema.StreamDefaults;
import io.lettuce.core.RedisURI;

import java.io.File;
import java.time.Duration;

/**
 * Everything the emitter needs, read once from {@link Settings}, validated, immutable. Building it
 * never throws: each bad value is logged (key, source, problem) and replaced by its default.
 * Every key is documented in {@code docs/configuration.md}.
 */
public final class EmitterConfig {
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String UNKNOWN_SERVICE = "unknown-service";

    private final String redisUrl;
    private final String redisUrlSource;
    private final String tlsCaFile;
    private final Duration redisTimeout;
    private final String serviceName;
    private final String eventsStream;
    private final String errorsStream;
    private final long eventsMaxlen;
    private final long errorsMaxlen;
    private final Duration eventsRetention;
    private final Duration errorsRetention;
    private final Duration trimInterval;
    private final int queueCapacity;
    private final long queueMaxBytes;
    private final Duration batchLinger;
    private final int batchSize;
    private final Duration shutdownTimeout;
    private final Duration backoffMin;
    private final Duration backoffMax;

    private EmitterConfig(Settings settings) {
        ConfigReader r = new ConfigReader(settings);
        this.redisUrl = redisUrl(r);
        this.redisUrlSource = r.describe("redis.url");
        this.tlsCaFile = tlsCaFile(r);
        this.redisTimeout = r.duration("redis.timeout", Duration.ofMillis(10), Duration.ofSeconds(5));
        this.serviceName = ServiceName.resolve(settings);
        this.eventsStream = r.string("events.stream", StreamDefaults.EVENTS_STREAM);
        this.errorsStream = r.string("errors.stream", StreamDefaults.ERRORS_STREAM);
        this.eventsMaxlen = r.longAtLeast("events.maxlen", 0, StreamDefaults.EVENTS_MAXLEN);
        this.errorsMaxlen = r.longAtLeast("errors.maxlen", 0, StreamDefaults.ERRORS_MAXLEN);
        this.eventsRetention = r.duration("events.retention", Duration.ZERO, Duration.ofMillis(StreamDefaults.EVENTS_RETENTION_MS));
        this.errorsRetention = r.duration("errors.retention", Duration.ZERO, Duration.ofMillis(StreamDefaults.ERRORS_RETENTION_MS));
        this.trimInterval = r.duration("trim.interval", Duration.ofMillis(10), Duration.ofSeconds(10));
        this.queueCapacity = r.intBetween("queue.capacity", 1, 10_000_000, 8192);
        this.queueMaxBytes = r.longAtLeast("queue.max.bytes", 64 * 1024, 16L * 1024 * 1024);
        this.batchSize = r.intBetween("batch.size", 1, 10_000, 256);
        this.batchLinger = r.duration("batch.linger", Duration.ZERO, Duration.ofMillis(2));
        this.shutdownTimeout = r.duration("shutdown.timeout", Duration.ZERO, Duration.ofSeconds(2));
        Duration min = r.duration("reconnect.backoff.min", Duration.ofMillis(1), Duration.ofMillis(100));
        Duration max = r.duration("reconnect.backoff.max", Duration.ofMillis(1), Duration.ofSeconds(30));
        if (max.compareTo(min) < 0) {
            max = r.invalid("reconnect.backoff.max", Durations.format(max),
                    "a duration >= reconnect.backoff.min (" + Durations.format(min) + ")", min);
        }
        this.backoffMin = min;
        this.backoffMax = max;
    }

    public static EmitterConfig from(Settings settings) {
        return new EmitterConfig(settings);
    }

    private static String redisUrl(ConfigReader r) {
        String url = r.string("redis.url", DEFAULT_REDIS_URL);
        try {
            RedisURI.create(url);
            return url;
        } catch (RuntimeException e) {
            // The URL may hold a password: log it redacted, never the raw value.
            AgentLog.warn("invalid Redis URL '" + AgentLog.redactUrl(url) + "' for redis.url (from " + r.describe("redis.url")
                    + "): " + e.getMessage() + "; expected redis://[user:password@]host:port[/db] or rediss://...; using "
                    + DEFAULT_REDIS_URL);
            return DEFAULT_REDIS_URL;
        }
    }

    private static String tlsCaFile(ConfigReader r) {
        String path = r.string("redis.tls.ca", null);
        if (path == null || new File(path).canRead()) return path;
        AgentLog.warn("cannot read the CA certificate file '" + path + "' for redis.tls.ca (from " + r.describe("redis.tls.ca")
                + "); using the JVM's default trust store");
        return null;
    }

    /** The Redis URL including any password: never log it, log {@link #redisUrlForLog()}. */
    public String redisUrl() { return redisUrl; }
    /** The Redis URL with its password masked, and where it came from. */
    public String redisUrlForLog() { return AgentLog.redactUrl(redisUrl) + " (" + redisUrlSource + ")"; }
    /** PEM file of the CA that signed the Redis server's TLS certificate, or {@code null} for the JVM default. */
    public String tlsCaFile() { return tlsCaFile; }
    /** Connect timeout and command timeout. */
    public Duration redisTimeout() { return redisTimeout; }
    public String serviceName() { return serviceName; }
    public String eventsStream() { return eventsStream; }
    public String errorsStream() { return errorsStream; }
    /** Approximate MAXLEN for XADD to the events stream; 0 = no length cap. */
    public long eventsMaxlen() { return eventsMaxlen; }
    public long errorsMaxlen() { return errorsMaxlen; }
    /** Age after which entries are trimmed (XTRIM MINID ~); zero = no time retention. */
    public Duration eventsRetention() { return eventsRetention; }
    public Duration errorsRetention() { return errorsRetention; }
    /** How often the writer issues the retention XTRIM. */
    public Duration trimInterval() { return trimInterval; }
    public int queueCapacity() { return queueCapacity; }
    /** How long the writer waits for more events once a batch has its first one. */
    public Duration batchLinger() { return batchLinger; }
    /** Upper bound of the memory queued events may hold (their {@code approximateSize}), whatever their count. */
    public long queueMaxBytes() { return queueMaxBytes; }
    public int batchSize() { return batchSize; }
    public Duration shutdownTimeout() { return shutdownTimeout; }
    public Duration backoffMin() { return backoffMin; }
    public Duration backoffMax() { return backoffMax; }

    @Override
    public String toString() {
        return "EmitterConfig{redis=" + redisUrlForLog() + ", service=" + serviceName + ", events=" + eventsStream
                + " (maxlen ~" + eventsMaxlen + ", retention " + Durations.format(eventsRetention) + "), errors="
                + errorsStream + " (maxlen ~" + errorsMaxlen + ", retention " + Durations.format(errorsRetention)
                + "), queue=" + queueCapacity + ", batch=" + batchSize + ", shutdown=" + Durations.format(shutdownTimeout) + "}";
    }
}
