package io.emp.telemetry.agent.instrument;

/**
 * Agent-side logic of one call site (a rule, an annotated method, an HTTP entry point...). Runs
 * on application threads behind the re-entrancy guard; may throw (the guard catches and counts),
 * but should not.
 */
public interface CallSiteHandler {
    /** Returns the call's state for its exit, or {@code null} when nothing happens on exit. */
    SiteCall enter(Class<?> origin, Object self, Object[] args);
}
