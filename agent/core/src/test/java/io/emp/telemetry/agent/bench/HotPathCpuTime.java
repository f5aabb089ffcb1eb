package io.emp.telemetry.agent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link HotPathBenchmark}'s scenarios measured in CPU time of the calling thread rather than
 * wall time: on a shared machine whose load is far above its core count, JMH's average time is
 * mostly time spent waiting for a core. Best of 10 rounds of 100 000 calls, after 200 000 warm-up.
 * <pre>
 * java -cp agent/core/target/test-classes:agent/core/target/classes:$(cat agent/core/target/cp.txt) \
 *     io.emp.telemetry.agent.bench.HotPathCpuTime absent sampledOut oneEvent twoEvents
 * </pre>
 */
public final class HotPathCpuTime {
    private HotPathCpuTime() {
    }

    public static void main(String[] modes) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String mode : modes) {
            HotPathBenchmark benchmark = new HotPathBenchmark();
            benchmark.mode = mode;
            benchmark.setUp();
            for (int i = 0; i < 200_000; i++) benchmark.instrumentedCall();
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 10; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 100_000; i++) benchmark.instrumentedCall();
                best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
            }
            System.out.printf("%s: %.1f ns CPU per call%n", mode, best / 100_000.0);
            benchmark.tearDown();
        }
    }
}
