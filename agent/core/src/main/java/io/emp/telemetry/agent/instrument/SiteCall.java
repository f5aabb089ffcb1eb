package io.emp.telemetry.agent.instrument;

/** One call in progress (the token advice carries from enter to exit). */
public interface SiteCall {
    void exit(Object returned, Throwable thrown);
}
