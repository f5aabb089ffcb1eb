package io.emp.telemetry.collector.alert;

import io.emp.telemetry.collector.health.CollectorStats;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.logging.Logger;

/** Delivers an alert: an entry on the alerts stream, a log line, and the webhook when configured. */
public final class AlertSink {
    private static final Logger LOG = Logger.getLogger(AlertSink.class.getName());
    static final long MAXLEN = 10_000;

    private final RedisCommands<String, String> redis;
    private final String stream;
    private final WebhookSender webhook;
    private final CollectorStats stats;

    public AlertSink(RedisCommands<String, String> redis, String stream, WebhookSender webhook, CollectorStats stats) {
        this.redis = redis;
        this.stream = stream;
        this.webhook = webhook;
        this.stats = stats;
    }

    public void raise(Alert alert) {
        stats.alertRaised();
        LOG.warning("ALERT " + alert.type() + ": " + alert.message());
        try {
            redis.xadd(stream, XAddArgs.Builder.maxlen(MAXLEN).approximateTrimming(), alert.fields());
        } catch (RuntimeException e) {
            LOG.warning("cannot write alert to " + stream + ": " + e.getMessage());
        }
        if (webhook != null) webhook.send(alert);
    }
}
