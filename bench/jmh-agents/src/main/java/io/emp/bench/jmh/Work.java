package io.emp.bench.jmh;

import io.opentelemetry.instrumentation.annotations.WithSpan;

/** The instrumented method: a span under the OpenTelemetry agent, one event under the EMP agent's rule. */
public class Work {
    @WithSpan
    public long step(long x) {
        return x * 31 + 7;
    }

    /** The same work without the annotation: neither agent touches it (the baseline). */
    public long plain(long x) {
        return x * 31 + 7;
    }
}
