package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.context.TraceIds;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts calls whose events were not sent (empty replies; pipelined replies beyond what can be waited for) and
 * reports them, at most once per interval, as a {@code telemetry.events_dropped} event with the reason: nothing
 * disappears unaccounted. The report rides on the next call that completes (suppressed or not) after the interval.
 */
final class SuppressedCalls {
    static final String REASON = "redis_function.empty_result";
    /** Pipelined calls queued while {@link PendingReplies} already waited for its maximum. */
    static final String UNTRACKED_REASON = "redis.pipelined_untracked";
    static final long REPORT_INTERVAL_MILLIS = 60_000;

    private final AgentRuntime runtime;
    private final long intervalMillis;
    private final String reason;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.currentTimeMillis());

    SuppressedCalls(AgentRuntime runtime, long intervalMillis) {
        this(runtime, intervalMillis, REASON);
    }

    SuppressedCalls(AgentRuntime runtime, long intervalMillis, String reason) {
        this.runtime = runtime;
        this.intervalMillis = intervalMillis;
        this.reason = reason;
    }

    void suppressed() {
        total.incrementAndGet();
        unreported.incrementAndGet();
        reportIfDue();
    }

    /** Reports the calls suppressed since the last report, once the interval has passed. */
    void reportIfDue() {
        long now = System.currentTimeMillis();
        long last = lastReport.get();
        if (now - last < intervalMillis || unreported.get() == 0) return;
        if (!lastReport.compareAndSet(last, now)) return;
        report(now);
    }

    /** Reports whatever is pending now (also used at shutdown by whoever owns the runtime). */
    void report(long now) {
        long n = unreported.getAndSet(0);
        if (n == 0) return;
        runtime.emit(TelemetryEvent.builder(EventTypes.EVENTS_DROPPED)
                .timestamp(now)
                .service(runtime.serviceName())
                .traceId(TraceIds.newTraceId())
                .spanId(TraceIds.newSpanId())
                .attribute(Attributes.DROPPED_COUNT, n)
                .attribute(Attributes.DROP_REASON, reason)
                .build());
    }

    long total() {
        return total.get();
    }
}
