package io.emp.telemetry.agent;

/**
 * Wall time of each step of the agent's start-up, for the debug line that says where premain's
 * time went ({@code EMP_LOG_LEVEL=debug}). Not thread-safe: used by the thread that runs one step
 * after the other.
 */
final class StartupPhases {
    private final StringBuilder phases = new StringBuilder();
    private long last = System.nanoTime();

    /** Ends the step running since the previous call (or construction) under {@code name}. */
    void done(String name) {
        long now = System.nanoTime();
        if (phases.length() > 0) phases.append(", ");
        phases.append(name).append(' ').append((now - last) / 1_000_000).append(" ms");
        last = now;
    }

    @Override
    public String toString() {
        return phases.toString();
    }
}
