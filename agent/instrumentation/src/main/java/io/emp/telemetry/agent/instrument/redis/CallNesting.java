package io.emp.telemetry.agent.instrument.redis;

/**
 * One event set per application call: client methods delegate to their own overloads (Jedis's
 * {@code eval(script)} to {@code eval(script, 0)}, Lettuce's {@code eval(String …)} to {@code eval(byte[] …)}),
 * and a subclass may override a pipelined command and call {@code super}. While an instrumented call runs on a
 * thread, the calls it makes itself are not recorded. The mark is taken when the outer call's enter succeeds and
 * released by its exit, which the advice always runs.
 */
final class CallNesting {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private CallNesting() {
    }

    /** {@code true} (and marked) when no instrumented call runs on this thread. */
    static boolean tryEnter() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) return false;
        depth[0] = 1;
        return true;
    }

    static void exit() {
        DEPTH.get()[0] = 0;
    }
}
