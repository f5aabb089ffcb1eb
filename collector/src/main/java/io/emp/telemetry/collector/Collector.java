package io.emp.telemetry.collector;

import io.emp.telemetry.collector.alert.AlertSink;
import io.emp.telemetry.collector.alert.ErrorAlerts;
import io.emp.telemetry.collector.alert.WebhookSender;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.consume.BatchProcessor;
import io.emp.telemetry.collector.consume.BoundedCodec;
import io.emp.telemetry.collector.consume.DeadLetters;
import io.emp.telemetry.collector.consume.ExportedListener;
import io.emp.telemetry.collector.consume.LagMonitor;
import io.emp.telemetry.collector.consume.RedisStreams;
import io.emp.telemetry.collector.consume.StreamWorker;
import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.export.otlp.OtlpEnvironment;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.health.HealthServer;
import io.emp.telemetry.collector.health.Heartbeat;
import io.emp.telemetry.collector.loss.LossDetector;
import io.emp.telemetry.collector.loss.LossReason;
import io.emp.telemetry.collector.loss.LossReporter;
import io.emp.telemetry.collector.security.RedactingFormatter;
import io.emp.telemetry.collector.security.SecretMask;
import io.emp.telemetry.collector.supervise.SupervisedStream;
import io.emp.telemetry.collector.reactions.ReactionsEngine;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** A running collector: one consumer thread per stream, exporters, alerts, lag monitor, heartbeat, health endpoint. */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Collector.class.getName());
    static final Duration LAG_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final CollectorConfig config;
    private final String consumer;
    private final CollectorStats stats = new CollectorStats();
    private final RedisConnections redis;
    private final Exporters exporters;
    private final WebhookSender webhook;
    private final List<SupervisedStream> workers = new ArrayList<>();
    private final LossReporter loss;
    private final LossDetector lossDetector;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final Heartbeat heartbeat;
    private final HealthServer health;
    /** The reactions engine when a reactions file is configured, else null. */
    private final ReactionsEngine reactions;

    private Collector(CollectorConfig config) throws InterruptedException {
        this.config = config;
        this.consumer = config.consumerName().isEmpty() ? ConsumerNames.generate() : config.consumerName();
        try {
            this.redis = new RedisConnections(config.redisUrl(), config.batchWait().plusSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("redis.url: not a valid Redis URL (redis://[user:password@]host:port[/db] or rediss://…)");
        }
        // Bad OTEL_* values fail before any wait for Redis.
        if (config.exporters().contains("otlp")) otlpConfigured(() -> {
            OtlpEnvironment.validate(config.otel());
            return null;
        });
        // Before Redis, so that /health answers (503) while Redis is still unreachable.
        this.health = config.healthPort() < 0 ? null
                : HealthServer.openNear(config.healthHost(), config.healthPort(), stats, consumer);
        Backoff connectBackoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
        RedisCommands<String, String> shared = redis.connectWhenReachable(config.redisUrl(), StringCodec.UTF8, connectBackoff);
        stats.redisReachable(true);
        // After Redis answers: the OTLP exporter reads each service's resource from Redis.
        this.exporters = otlpConfigured(() -> new Exporters(config, stats, redis));
        this.webhook = config.alerts().webhookUrl().isEmpty() ? null
                : new WebhookSender(URI.create(config.alerts().webhookUrl()), 500);
        List<ExportedListener> listeners = new ArrayList<>(exporters.listeners);
        listeners.add(new ErrorAlerts(config.alerts(), shared,
                new AlertSink(shared, config.alerts().stream(), webhook, stats)));
        this.loss = new LossReporter(shared, config.events().stream(), config.events().maxLen(), consumer, stats);
        BatchProcessor processor = new BatchProcessor(exporters.exporters, exporters.spans, listeners,
                new DeadLetters(shared, config.deadLetterStream(), consumer, stats, loss),
                new Backoff(config.retryInitial(), config.retryMax()), config.maxDeliveries(), stats, config.maxEntryBytes());
        for (StreamConfig s : config.streams()) {
            stats.stream(s.stream());
            for (LossReason r : LossReason.values()) stats.stream(s.stream()).lost(r.wire());
            // Values past the entry limit are never decoded (BoundedCodec); the processor dead-letters them.
            RedisStreams streams = new RedisStreams(redis.connectWhenReachable(config.redisUrl(),
                    new BoundedCodec(config.maxEntryBytes()), connectBackoff), s, consumer);
            workers.add(new SupervisedStream(s.stream(), () -> new StreamWorker(streams, processor,
                    config.batchSize(), config.batchWait(), config.claimIdle(), config.claimInterval(), stats),
                    stats, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        }
        this.reactions = config.reactionsFile() == null ? null
                : new ReactionsEngine(ReactionsEngine.load(config.reactionsFile(), config.reactionsPlugins(), config),
                        config, consumer, redis::connect);
        if (reactions != null) stats.reactions(reactions.stats());
        // XINFO STREAM replies carry the first and last entries: the detector needs only ids and counts.
        this.lossDetector = new LossDetector(redis.connectWhenReachable(config.redisUrl(),
                new BoundedCodec(LossDetector.MAX_VALUE_BYTES), connectBackoff),
                config.streams(), loss, stats);
        this.heartbeat = new Heartbeat(shared, consumer, config.heartbeatTtl(), stats,
                config.events().stream() + "," + config.errors().stream(), String.join(",", config.exporters()),
                healthPort());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emp-collector-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The OpenTelemetry SDK rejects a bad {@code OTEL_*} value with a message that quotes it, headers
     * (tokens) included: it becomes a configuration error with the secrets masked.
     */
    private static <T> T otlpConfigured(Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            throw new ConfigException("OpenTelemetry configuration (OTEL_*): " + SecretMask.redact(e.getMessage()));
        }
    }

    /** Starts consuming; returns once every thread runs. */
    public static Collector start(CollectorConfig config) {
        SecretMask.registerConfiguration(List.of(config.redisUrl(), config.alerts().webhookUrl()), config.otel());
        // A webhook URL often is its own secret (the token in the path): it is never logged, and masked if a library did.
        SecretMask.register(config.alerts().webhookUrl());
        RedactingFormatter.installOnRootHandlers();
        Collector c;
        try {
            c = new Collector(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        }
        c.startThreads();
        return c;
    }

    private void startThreads() {
        long beat = Math.max(200, config.heartbeatTtl().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(heartbeat, 0, beat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(new LagMonitor(redis.connect(), config.streams(), config.lagWarnRatio(), stats),
                0, LAG_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        // Once before the consumers read: a gap left while no collector ran is seen before they read past it.
        lossDetector.run();
        long lossEvery = config.lossCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(lossDetector, lossEvery, lossEvery, TimeUnit.MILLISECONDS);
        for (int i = 0; i < workers.size(); i++) {
            Thread t = new Thread(workers.get(i), "emp-collector-" + config.streams().get(i).stream());
            t.start();
            threads.add(t);
        }
        if (reactions != null) reactions.start();
        LOG.info("collector " + consumer + " consuming " + config.events().stream() + " (group " + config.events().group()
                + ") and " + config.errors().stream() + " (group " + config.errors().group() + ") from "
                + RedisConnections.redacted(config.redisUrl()) + "; exporters " + config.exporters()
                + (health != null ? "; health on http://" + config.healthHost() + ":" + health.port() + "/health" : ""));
    }

    public String consumerName() {
        return consumer;
    }

    public CollectorStats stats() {
        return stats;
    }

    /** Port of the health endpoint, or -1 when it is off. */
    public int healthPort() {
        return health == null ? -1 : health.port();
    }

    /** Pushes recorded metrics to OTLP now. */
    public void flushMetrics() {
        exporters.flushMetrics();
    }

    /** Stops consuming; a batch still being retried stays pending in Redis for another collector. */
    @Override
    public void close() {
        if (reactions != null) reactions.close();
        workers.forEach(SupervisedStream::stop);
        for (Thread t : threads) {
            try {
                t.join(config.batchWait().toMillis() + 2000);
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.shutdownNow();
        loss.flush();
        heartbeat.remove();
        if (health != null) health.close();
        if (webhook != null) webhook.close();
        exporters.close();
        redis.close();
        LOG.info("collector " + consumer + " stopped");
    }
}
