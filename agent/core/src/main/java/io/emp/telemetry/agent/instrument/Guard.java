package io.emp.telemetry.agent.instrument;

/**
 * Re-entrancy guard: while the agent runs on a thread (evaluating a rule's attribute paths calls
 * the application's getters, which may be instrumented too), instrumented calls on that thread do
 * not emit. The agent's own threads (the emitter's writer, its relocated Netty's event loops) are
 * inside the agent for good: a JDK method a rule instruments, called while writing events, must not
 * produce more events to write. One small counter per thread.
 */
final class Guard {
    private static final String AGENT_PACKAGE = "io.emp.telemetry.agent.";
    private static final String AGENT_THREAD_PREFIX = "emp-telemetry";
    private static final ThreadLocal<int[]> DEPTH =
            ThreadLocal.withInitial(() -> new int[]{isAgentThread(Thread.currentThread()) ? 1 : 0});

    private Guard() {
    }

    /** {@code null} when the agent is already running on this thread; else the counter to release. */
    static int[] tryEnter() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) return null;
        depth[0]++;
        return depth;
    }

    /** Whether the agent is running on this thread (its own work, or an agent thread). */
    static boolean isHeld() {
        return DEPTH.get()[0] > 0;
    }

    static void exit(int[] depth) {
        depth[0]--;
    }

    static boolean isAgentThread(Thread t) {
        return t.getClass().getName().startsWith(AGENT_PACKAGE) || t.getName().startsWith(AGENT_THREAD_PREFIX);
    }
}
