package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.export.ExportOutcome;
import io.opentelemetry.sdk.common.CompletableResultCode;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** The two kinds of {@link SignalSender}: the collector's own OTLP/HTTP sender and an SDK exporter. */
final class SignalSenders {
    /** Longest wait for one SDK export, which itself retries (default: 5 attempts of up to 10 s). */
    private static final long SDK_EXPORT_TIMEOUT_MS = 120_000;

    private SignalSenders() {
    }

    static <T> SignalSender<T> http(Function<Collection<T>, ExportOutcome> send) {
        return new SignalSender<>() {
            @Override
            public ExportOutcome send(Collection<T> items) {
                return send.apply(items);
            }

            @Override
            public void shutdown() {
                // Nothing buffered: each send is one synchronous request.
            }
        };
    }

    static <T> SignalSender<T> sdk(Function<Collection<T>, CompletableResultCode> export,
                                   Supplier<CompletableResultCode> shutdown, String what) {
        return new SignalSender<>() {
            @Override
            public ExportOutcome send(Collection<T> items) {
                return ResultCodes.await(export.apply(items), SDK_EXPORT_TIMEOUT_MS, what);
            }

            @Override
            public void shutdown() {
                shutdown.get().join(5, TimeUnit.SECONDS);
            }
        };
    }
}
