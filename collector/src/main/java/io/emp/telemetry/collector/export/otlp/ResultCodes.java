package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.export.ExportOutcome;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;

import java.util.concurrent.TimeUnit;

/** Waits for an SDK export and turns its result into an outcome with a useful reason. */
final class ResultCodes {
    private ResultCodes() {
    }

    static ExportOutcome await(CompletableResultCode code, long timeoutMillis, String what) {
        code.join(timeoutMillis, TimeUnit.MILLISECONDS);
        if (!code.isDone()) return ExportOutcome.failed(what + ": no answer within " + timeoutMillis + " ms");
        if (code.isSuccess()) return ExportOutcome.ok();
        return ExportOutcome.failed(what + ": " + reason(code.getFailureThrowable()));
    }

    private static String reason(Throwable t) {
        if (t instanceof FailedExportException.HttpExportException h && h.failedWithResponse()) {
            return "HTTP " + h.getResponse().getStatusCode() + " " + h.getResponse().getStatusMessage();
        }
        if (t instanceof FailedExportException.GrpcExportException g && g.failedWithResponse()) {
            return "gRPC " + g.getResponse().getStatusCode() + " " + g.getResponse().getStatusDescription();
        }
        if (t == null) return "export failed";
        Throwable cause = t.getCause() != null ? t.getCause() : t;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
