package io.emp.telemetry.collector.security;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Formats a log record with the handler's formatter, then masks secrets in the whole text (stack trace included). */
public final class RedactingFormatter extends Formatter {
    private final Formatter delegate;

    RedactingFormatter(Formatter delegate) {
        this.delegate = delegate == null ? new SimpleFormatter() : delegate;
    }

    @Override
    public String format(LogRecord record) {
        return SecretMask.redact(delegate.format(record));
    }

    /** Wraps the formatter of every handler of the root logger (java.util.logging: the collector, Lettuce, the SDK). */
    public static void installOnRootHandlers() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (!(h.getFormatter() instanceof RedactingFormatter)) h.setFormatter(new RedactingFormatter(h.getFormatter()));
        }
    }
}
