package io.emp.telemetry.agent.config;

import io.emp.telemetry.agent.log.AgentLog;
import io.emp.telemetry.schema.StreamDefaults;

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
    private final RedisEndpoint endpoint;
    private final String tlsCaFile;
    private final String tlsCertFile;
    private final String tlsKeyFile;
    private final Duration statusLatestTtl;
    private final ProcessResource resource;
    private final Duration redisTimeout;
    private final String serviceName;
    private final String machineId;
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
        this.endpoint = RedisEndpoint.parse(redisUrl);
        this.redisUrlSource = r.describe("redis.url");
        this.tlsCaFile = readableFile(r, "redis.tls.ca", "the CA certificate file", "using the JVM's default trust store");
        String cert = readableFile(r, "redis.tls.cert", "the client certificate file", "connecting without a client certificate");
        String key = readableFile(r, "redis.tls.key", "the client key file", "connecting without a client certificate");
        if ((cert == null) != (key == null)) {
            AgentLog.warn("redis.tls.cert and redis.tls.key go together (from " + r.describe(cert == null ? "redis.tls.key" : "redis.tls.cert")
                    + "); connecting without a client certificate");
            cert = null;
            key = null;
        }
        this.tlsCertFile = cert;
        this.tlsKeyFile = key;
        this.redisTimeout = r.duration("redis.timeout", Duration.ofMillis(10), Duration.ofSeconds(5));
        java.util.Map<String, String> otelResource = ProcessResource.otelAttributes(settings);
        this.serviceName = ServiceName.resolve(settings, otelResource);
        this.machineId = MachineId.resolve(settings);
        this.resource = ProcessResource.build(settings, serviceName, machineId, otelResource);
        this.statusLatestTtl = r.seconds("status.latest.ttl", Duration.ofSeconds(300));
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
            RedisEndpoint.parse(url);
            return url;
        } catch (RuntimeException e) {
            // The URL may hold a password: log it redacted, never the raw value.
            AgentLog.warn("invalid Redis URL '" + AgentLog.redactUrl(url) + "' for redis.url (from " + r.describe("redis.url")
                    + "): " + e.getMessage() + "; expected redis://[user:password@]host:port[/db] or rediss://...; using "
                    + DEFAULT_REDIS_URL);
            return DEFAULT_REDIS_URL;
        }
    }

    private static String readableFile(ConfigReader r, String key, String what, String fallback) {
        String path = r.string(key, null);
        if (path == null || new File(path).canRead()) return path;
        AgentLog.warn("cannot read " + what + " '" + path + "' for " + key + " (from " + r.describe(key) + "); " + fallback);
        return null;
    }

    /** The Redis URL including any password: never log it, log {@link #redisUrlForLog()}. */
    public String redisUrl() { return redisUrl; }
    /** The Redis URL with its password masked, and where it came from. */
    public String redisUrlForLog() { return AgentLog.redactUrl(redisUrl) + " (" + redisUrlSource + ")"; }
    /** Host, port, credentials, database and TLS, parsed from {@link #redisUrl()}. */
    public RedisEndpoint endpoint() { return endpoint; }
    /** PEM file of the CA that signed the Redis server's TLS certificate, or {@code null} for the JVM default. */
    public String tlsCaFile() { return tlsCaFile; }
    /** PEM client certificate (chain) for mutual TLS, or {@code null}; set together with {@link #tlsKeyFile()}. */
    public String tlsCertFile() { return tlsCertFile; }
    /** PEM (PKCS#8) private key of {@link #tlsCertFile()}, or {@code null}. */
    public String tlsKeyFile() { return tlsKeyFile; }
    /** Expiry of {@code job:{id}:latest-status}, written with each status publish; zero = not written. */
    public Duration statusLatestTtl() { return statusLatestTtl; }
    /** The process's OpenTelemetry resource (written to {@code emp:resource:{instance}}). */
    public ProcessResource resource() { return resource; }
    /** {@code service.instance.id}: every entry's {@code instance} field. */
    public String instanceId() { return resource.instanceId(); }
    /** Connect timeout and command timeout. */
    public Duration redisTimeout() { return redisTimeout; }
    public String serviceName() { return serviceName; }
    /** {@link MachineId}: the {@code machineId} of every event that does not name a machine itself. */
    public String machineId() { return machineId; }
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
