package io.emp.telemetry.agent.instrument;

/** One call in progress (the token advice carries from enter to exit). */
public interface SiteCall {
    void exit(Object returned, Throwable thrown);

    /**
     * What the instrumented method returns instead of {@code returned}, asked right after
     * {@link #exit}: a reactive client's publisher with completion callbacks attached. Most calls
     * return {@code returned} unchanged.
     */
    default Object replacement(Object returned) {
        return returned;
    }
}
