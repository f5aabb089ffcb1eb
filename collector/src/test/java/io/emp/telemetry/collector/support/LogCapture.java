package io.emp.telemetry.collector.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the collector's log records (message and thrown) while open. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    /** Every record as one string: level, message, and the thrown exception with its causes. */
    public List<String> lines() {
        return records.stream().map(r -> {
            StringBuilder sb = new StringBuilder(r.getLevel() + " " + r.getMessage());
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) sb.append(" | ").append(t);
            return sb.toString();
        }).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
