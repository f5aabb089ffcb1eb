package io.emp.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One call of an instrumented method, run once per variant by the bench script with the agent in the forked
 * JVM ({@code -jvmArgsAppend -javaagent:…}): no agent, the OpenTelemetry agent (exporters none: a span is
 * started and ended, nothing exported) and the EMP agent (one event built and handed to the emitter; a loop
 * this fast fills the emitter's bounded queue, so most calls end in a counted drop, as in EmitBenchmark).
 * {@code -prof gc} gives the bytes allocated per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InstrumentedCallBenchmark {
    private final Work work = new Work();
    private long x;

    @Benchmark
    public long instrumentedCall() {
        return work.step(x++);
    }

    @Benchmark
    public long plainCall() {
        return work.plain(x++);
    }
}
