package io.emp.telemetry.it.app;

import io.emp.telemetry.api.Telemetry;

import java.util.Map;

/** Emits a few facade events and a job status, then exits (the agent flushes at exit). Argument: a job id prefix. */
public final class TlsApp {
    private TlsApp() {
    }

    public static void main(String[] args) {
        String tag = args[0];
        for (int i = 0; i < 20; i++) Telemetry.jobEvent(tag + "-" + i, "job.tls_checked", Map.of("i", i));
        Telemetry.status("job:" + tag + "-0:status", Map.of("progress", 100));
        System.out.println("TLS-APP-DONE");
    }
}
