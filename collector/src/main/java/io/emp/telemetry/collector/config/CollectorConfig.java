package io.emp.telemetry.collector.config;

import io.emp.telemetry.collector.export.otlp.OtlpEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The collector's one immutable configuration, read once per process. */
public record CollectorConfig(
        String redisUrl,
        StreamConfig events,
        StreamConfig errors,
        String consumerName,
        Set<String> exporters,
        int batchSize,
        Duration batchWait,
        Duration claimIdle,
        Duration claimInterval,
        int maxDeliveries,
        String deadLetterStream,
        Duration retryInitial,
        Duration retryMax,
        Path filePath,
        long fileMaxBytes,
        int fileMaxFiles,
        Duration metricsInterval,
        int jobSpansMax,
        Duration jobSpansTtl,
        AlertConfig alerts,
        String healthHost,
        int healthPort,
        Duration heartbeatTtl,
        double lagWarnRatio,
        Map<String, String> otel,
        long maxEntryBytes,
        Duration lossCheckInterval,
        Path reactionsFile,
        Path reactionsPlugins) {

    public static final Set<String> EXPORTER_NAMES = Set.of("file", "otlp", "console");

    /** One consumed stream; {@code maxLen} 0 means the agents do not cap it. */
    public record StreamConfig(String stream, String group, long maxLen, boolean errors) {
        /** Lag past which trimming threatens unread entries: {@code ratio} × MAXLEN; never, without a cap. */
        public long lagLimit(double ratio) {
            return maxLen == 0 ? Long.MAX_VALUE : (long) (maxLen * ratio);
        }
    }

    /** Error alerting thresholds and destinations. */
    public record AlertConfig(String stream, int errorsPerMinute, int serviceErrorsPerMinute, boolean newErrorType,
                              String knownTypesKey, String webhookUrl) {
    }

    /** From the process: {@code file} (may be null) ← system properties ← environment. */
    public static CollectorConfig load(Path file) {
        Map<String, String> sys = new HashMap<>();
        Properties p = System.getProperties();
        for (String name : p.stringPropertyNames()) sys.put(name, p.getProperty(name));
        return load(file, sys, System.getenv());
    }

    public static CollectorConfig load(Path file, Map<String, String> sysProps, Map<String, String> env) {
        ConfigLayers l = new ConfigLayers(file, sysProps, env);
        Map<String, String> otel = Map.copyOf(l.otelProperties());
        return new CollectorConfig(
                nonEmpty(l, Setting.REDIS_URL),
                new StreamConfig(nonEmpty(l, Setting.EVENTS_STREAM), nonEmpty(l, Setting.EVENTS_GROUP),
                        nonNegativeLong(l, Setting.EVENTS_MAXLEN), false),
                new StreamConfig(nonEmpty(l, Setting.ERRORS_STREAM), nonEmpty(l, Setting.ERRORS_GROUP),
                        nonNegativeLong(l, Setting.ERRORS_MAXLEN), true),
                l.value(Setting.CONSUMER),
                exporters(l, otel),
                (int) positiveLong(l, Setting.BATCH_SIZE),
                duration(l, Setting.BATCH_WAIT),
                duration(l, Setting.CLAIM_IDLE),
                duration(l, Setting.CLAIM_INTERVAL),
                (int) positiveLong(l, Setting.MAX_DELIVERIES),
                nonEmpty(l, Setting.DEADLETTER_STREAM),
                duration(l, Setting.RETRY_INITIAL),
                duration(l, Setting.RETRY_MAX),
                Path.of(nonEmpty(l, Setting.FILE_PATH)),
                positiveLong(l, Setting.FILE_MAX_BYTES),
                (int) positiveLong(l, Setting.FILE_MAX_FILES),
                duration(l, Setting.METRICS_INTERVAL),
                (int) positiveLong(l, Setting.JOB_SPANS_MAX),
                duration(l, Setting.JOB_SPANS_TTL),
                new AlertConfig(nonEmpty(l, Setting.ALERTS_STREAM),
                        (int) nonNegativeLong(l, Setting.ALERTS_ERRORS_PER_MINUTE),
                        (int) nonNegativeLong(l, Setting.ALERTS_SERVICE_ERRORS_PER_MINUTE),
                        bool(l, Setting.ALERTS_NEW_ERROR_TYPE),
                        nonEmpty(l, Setting.ALERTS_KNOWN_TYPES_KEY),
                        WebhookUrls.check(l.value(Setting.ALERTS_WEBHOOK_URL),
                                problem -> invalidRedacted(l, Setting.ALERTS_WEBHOOK_URL, problem))),
                nonEmpty(l, Setting.HEALTH_HOST),
                port(l, Setting.HEALTH_PORT),
                duration(l, Setting.HEARTBEAT_TTL),
                ratio(l, Setting.LAG_WARN_RATIO),
                otel,
                positiveLong(l, Setting.MAX_ENTRY_BYTES),
                duration(l, Setting.LOSS_CHECK_INTERVAL),
                optionalPath(l, Setting.REACTIONS),
                optionalPath(l, Setting.REACTIONS_PLUGINS));
    }

    private static Set<String> exporters(ConfigLayers l, Map<String, String> otel) {
        String raw = l.value(Setting.EXPORTERS);
        // OTEL_SDK_DISABLED=true turns OTLP export off, as it turns the SDK off everywhere else.
        boolean otlpOff = OtlpEnvironment.sdkDisabled(otel);
        if (raw.isEmpty()) {
            return Set.of(otel.containsKey("otel.exporter.otlp.endpoint") && !otlpOff ? "otlp" : "file");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) continue;
            if (!EXPORTER_NAMES.contains(name)) {
                throw invalid(l, Setting.EXPORTERS, raw, "unknown exporter '" + name + "' (known: file, otlp, console)");
            }
            if (!(otlpOff && name.equals("otlp"))) out.add(name);
        }
        if (out.isEmpty() && otlpOff) {
            throw invalid(l, Setting.EXPORTERS, raw, "OTEL_SDK_DISABLED=true turns the otlp exporter off and no other exporter is named");
        }
        if (out.isEmpty()) throw invalid(l, Setting.EXPORTERS, raw, "no exporter named");
        return Set.copyOf(new ArrayList<>(out));
    }

    /** A path, or null when the setting is empty (the feature is off). */
    private static Path optionalPath(ConfigLayers l, Setting s) {
        String v = l.value(s);
        return v.isBlank() ? null : Path.of(v.trim());
    }

    static String nonEmpty(ConfigLayers l, Setting s) {
        String v = l.value(s);
        if (v.isEmpty()) throw invalid(l, s, v, "must not be empty");
        return v;
    }

    static long positiveLong(ConfigLayers l, Setting s) {
        long v = nonNegativeLong(l, s);
        if (v == 0) throw invalid(l, s, "0", "must be greater than 0");
        return v;
    }

    static long nonNegativeLong(ConfigLayers l, Setting s) {
        String v = l.value(s);
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw invalid(l, s, v, "must not be negative");
            return n;
        } catch (NumberFormatException e) {
            throw invalid(l, s, v, "not a whole number");
        }
    }

    static int port(ConfigLayers l, Setting s) {
        String v = l.value(s);
        try {
            int n = Integer.parseInt(v);
            if (n < -1 || n > 65535) throw invalid(l, s, v, "not a port (0-65535, or -1 for off)");
            return n;
        } catch (NumberFormatException e) {
            throw invalid(l, s, v, "not a port number");
        }
    }

    static Duration duration(ConfigLayers l, Setting s) {
        String v = l.value(s);
        try {
            Duration d = Durations.parse(v);
            if (d.isZero()) throw invalid(l, s, v, "must be longer than 0");
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(l, s, v, "not a duration (examples: 500ms, 30s, 5m, 1h)");
        }
    }

    static boolean bool(ConfigLayers l, Setting s) {
        String v = l.value(s).toLowerCase(Locale.ROOT);
        if (List.of("true", "yes", "on", "1").contains(v)) return true;
        if (List.of("false", "no", "off", "0").contains(v)) return false;
        throw invalid(l, s, v, "not true/false");
    }

    private static double ratio(ConfigLayers l, Setting s) {
        String v = l.value(s);
        try {
            double d = Double.parseDouble(v);
            if (d <= 0 || d > 1) throw invalid(l, s, v, "must be in (0, 1]");
            return d;
        } catch (NumberFormatException e) {
            throw invalid(l, s, v, "not a number");
        }
    }

    /** For values that may carry credentials (URLs): the source and the problem, never the value. */
    private static ConfigException invalidRedacted(ConfigLayers l, Setting s, String problem) {
        return new ConfigException(l.source(s) + ": " + problem);
    }

    static ConfigException invalid(ConfigLayers l, Setting s, String value, String problem) {
        return new ConfigException(l.source(s) + ": invalid value '" + value + "': " + problem);
    }

    public List<StreamConfig> streams() {
        return Arrays.asList(events, errors);
    }
}
