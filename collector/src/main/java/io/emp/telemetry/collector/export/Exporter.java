package io.emp.telemetry.collector.export;

/**
 * One destination. {@link #export} blocks until the destination accepted or refused the whole
 * batch: the collector acknowledges entries only after every exporter returned success. Called
 * from several stream threads, so implementations are thread-safe.
 */
public interface Exporter extends AutoCloseable {
    String name();

    ExportOutcome export(ExportBatch batch);

    @Override
    void close();
}
