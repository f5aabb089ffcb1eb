package io.emp.telemetry.agent.instrument;

/**
 * Agent-side logic of a method call site (a rule, an annotated method, a JDK method such as
 * {@code bind}): the receiver and all arguments. Runs on application threads behind the
 * re-entrancy guard; may throw (the guard catches and counts), but should not.
 */
public interface CallSiteHandler extends SiteHandler {
    /**
     * Called only after {@link #active()} said yes on this thread. Returns the call's state for
     * its exit, or {@code null} when nothing happens on exit.
     */
    SiteCall enter(Class<?> origin, Object self, Object[] args);
}
