package io.emp.telemetry.agent.instrument;

/**
 * Re-entrancy guard: while the agent runs on a thread (evaluating a rule's attribute paths calls
 * the application's getters, which may be instrumented too), instrumented calls on that thread do
 * not emit. One small counter per thread.
 */
final class Guard {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Guard() {
    }

    /** {@code null} when the agent is already running on this thread; else the counter to release. */
    static int[] tryEnter() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) return null;
        depth[0]++;
        return depth;
    }

    static void exit(int[] depth) {
        depth[0]--;
    }
}
