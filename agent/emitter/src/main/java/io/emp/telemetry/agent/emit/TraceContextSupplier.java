package io.emp.telemetry.agent.emit;

/** Where facade events find the current trace; the agent plugs in its per-thread context. */
public interface TraceContextSupplier {
    /** No context: facade events start their own trace (or the job's trace). */
    TraceContextSupplier NONE = () -> null;

    /** The calling thread's current trace position, or {@code null} when there is none. */
    TraceContext current();
}
