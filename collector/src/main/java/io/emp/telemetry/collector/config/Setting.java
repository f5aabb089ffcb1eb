package io.emp.telemetry.collector.config;

import io.emp.telemetry.schema.StreamDefaults;

import java.util.Locale;

/**
 * Every collector setting: its dotted key (config-file key), its default and what it does. The
 * environment name is derived ({@code collector.health.port} → {@code EMP_COLLECTOR_HEALTH_PORT}),
 * the system property is {@code emp.} + key. Shared keys ({@code redis.url}, {@code events.stream} …)
 * have the same names as in the agent, so one environment configures both.
 */
public enum Setting {
    REDIS_URL("redis.url", "redis://127.0.0.1:6379", "Redis to read from; rediss:// for TLS, redis://:password@host or redis://user:password@host for AUTH/ACL"),
    EVENTS_STREAM("events.stream", StreamDefaults.EVENTS_STREAM, "stream of lifecycle events"),
    ERRORS_STREAM("errors.stream", StreamDefaults.ERRORS_STREAM, "stream of error events"),
    EVENTS_MAXLEN("events.maxlen", Long.toString(StreamDefaults.EVENTS_MAXLEN), "MAXLEN the agents trim the events stream to (lag warning threshold base); 0 = no cap, as in the agent"),
    ERRORS_MAXLEN("errors.maxlen", Long.toString(StreamDefaults.ERRORS_MAXLEN), "MAXLEN the agents trim the errors stream to; 0 = no cap"),
    EVENTS_GROUP("collector.events-group", StreamDefaults.EVENTS_GROUP, "consumer group on the events stream"),
    ERRORS_GROUP("collector.errors-group", StreamDefaults.ERRORS_GROUP, "consumer group on the errors stream"),
    CONSUMER("collector.consumer", "", "consumer name; empty = host-pid-random, unique per instance"),
    EXPORTERS("exporters", "", "comma-separated: file, otlp, console; empty = otlp when OTEL_EXPORTER_OTLP_ENDPOINT is set, else file"),
    BATCH_SIZE("collector.batch-size", "500", "entries per export batch (upper bound)"),
    BATCH_WAIT("collector.batch-wait", "1s", "longest time a partial batch waits for more entries"),
    CLAIM_IDLE("collector.claim-idle", "60s", "entries pending longer than this (dead consumer) are taken over with XAUTOCLAIM"),
    CLAIM_INTERVAL("collector.claim-interval", "10s", "how often to look for such entries"),
    MAX_DELIVERIES("collector.max-deliveries", "5", "an entry delivered this many times without a successful export goes to the dead-letter stream"),
    MAX_ENTRY_BYTES("collector.max-entry-bytes", "4194304", "an entry with a field value larger than this many bytes, or larger than this in total, is dead-lettered without being decoded (its large values are not read into memory)"),
    LOSS_CHECK_INTERVAL("collector.loss-check-interval", "1s", "how often each stream is checked for entries trimmed before the group read them and for a stream reset (Redis restarted empty)"),
    DEADLETTER_STREAM("collector.deadletter-stream", "emp:deadletter", "where undecodable and undeliverable entries go"),
    RETRY_INITIAL("collector.retry-initial", "500ms", "first back-off after a failed export"),
    RETRY_MAX("collector.retry-max", "30s", "longest back-off between export attempts (the batch is retried until it succeeds)"),
    FILE_PATH("collector.file.path", "logs/telemetry/events.jsonl", "JSON-lines file of the file exporter"),
    FILE_MAX_BYTES("collector.file.max-bytes", "52428800", "rotate the file when it grows past this many bytes"),
    FILE_MAX_FILES("collector.file.max-files", "5", "rotated files kept (events.jsonl.1 … .N)"),
    METRICS_INTERVAL("collector.metrics-interval", "60s", "how often event counters and duration histograms are exported over OTLP"),
    JOB_SPANS_MAX("collector.job-spans.max", "10000", "open jobs remembered to pair job.created with job.completed/failed"),
    JOB_SPANS_TTL("collector.job-spans.ttl", "1h", "an open job older than this is forgotten (counted as unpaired)"),
    ALERTS_STREAM("alerts.stream", "emp:alerts", "stream alerts are written to"),
    ALERTS_ERRORS_PER_MINUTE("collector.alerts.errors-per-minute", "100", "alert when more errors than this arrive within one minute (all services); 0 = off"),
    ALERTS_SERVICE_ERRORS_PER_MINUTE("collector.alerts.service-errors-per-minute", "20", "alert when one service has more errors than this within one minute; 0 = off"),
    ALERTS_NEW_ERROR_TYPE("collector.alerts.new-error-type", "true", "alert the first time an error type is seen (remembered in Redis)"),
    ALERTS_KNOWN_TYPES_KEY("collector.alerts.known-types-key", "emp:alerts:error-types", "Redis SET of error types already seen"),
    ALERTS_WEBHOOK_URL("collector.alerts.webhook-url", "", "POST each alert as JSON here (retried); http:// or https:// only; empty = off"),
    HEALTH_HOST("collector.health.host", "127.0.0.1", "address of the /health and /metrics endpoint"),
    HEALTH_PORT("collector.health.port", "9465", "port of the /health and /metrics endpoint; 0 = any free port, -1 = off; when taken, the next free one of the 9 after it is used (WARNING line)"),
    HEARTBEAT_TTL("collector.heartbeat-ttl", "30s", "TTL of the heartbeat hash emp:collectors:<consumer> (refreshed every third of it)"),
    LAG_WARN_RATIO("collector.lag-warn-ratio", "0.8", "warn when a group's lag exceeds this fraction of the stream's MAXLEN"),
    REACTIONS("collector.reactions", "", "reactions file (YAML, docs/reactions.md); empty = no reactions", "EMP_REACTIONS"),
    REACTIONS_PLUGINS("collector.reactions-plugins", "", "folder of plugin jars with custom reaction actions; empty = none"),
    // The web console (docs/console.md).
    CONSOLE_ENABLED("collector.console.enabled", "false", "also serve the web console from `run` (`emp-collector console` serves it alone)"),
    CONSOLE_HOST("collector.console.host", "127.0.0.1", "address the console listens on; any non-loopback address requires collector.console.auth"),
    CONSOLE_PORT("collector.console.port", "9466", "port of the console; 0 = any free port"),
    CONSOLE_AUTH("collector.console.auth", "none", "none, basic (user + password) or token (Authorization: Bearer)"),
    CONSOLE_USER("collector.console.user", "admin", "user name for basic auth"),
    CONSOLE_PASSWORD("collector.console.password", "", "password for basic auth (prefer the environment variable)"),
    CONSOLE_TOKEN("collector.console.token", "", "token for token auth (prefer the environment variable)"),
    CONSOLE_WINDOW("collector.console.window", "1h", "how far back the jobs, errors, machines and throughput pages read the streams"),
    CONSOLE_SCAN_LIMIT("collector.console.scan-limit", "200000", "entries read per stream at most for one page"),
    CONSOLE_GAP_MS("collector.console.gap-ms", "1000", "a job page marks gaps between consecutive events longer than this (ms)"),
    CONSOLE_TRACE_URL("collector.console.trace-url", "", "link to a trace in the OTLP backend, {traceId} replaced; empty = no link"),
    CONSOLE_RETRY_FUNCTION("collector.console.retry-function", "", "Redis function the Retry action calls (FCALL <name> 1 <jobId>); empty = no actions");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final String envName;

    Setting(String key, String defaultValue, String description) {
        this(key, defaultValue, description, null);
    }

    /** With an environment name of its own, for settings whose documented variable is shorter than the derived one. */
    Setting(String key, String defaultValue, String description, String envName) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.envName = envName;
    }

    public String key() { return key; }
    public String defaultValue() { return defaultValue; }
    public String description() { return description; }

    public String envName() {
        if (envName != null) return envName;
        return "EMP_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String systemProperty() {
        return "emp." + key;
    }
}
