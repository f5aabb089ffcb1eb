package io.emp.telemetry.agent.rules.bench;

import io.emp.telemetry.agent.rules.Correlation;
import io.emp.telemetry.agent.rules.InstrumentationRule;
import io.emp.telemetry.agent.rules.Invocation;
import io.emp.telemetry.agent.rules.Phase;
import io.emp.telemetry.agent.rules.RuleLoader;
import io.emp.telemetry.agent.rules.RuleSet;
import io.emp.telemetry.agent.rules.fixtures.Fixtures;
import io.emp.telemetry.agent.rules.path.PathParser;
import io.emp.telemetry.agent.rules.path.ValueSource;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent pays per instrumented call in the rule engine: the built-in connector rule's attributes and
 * correlation, one path, and the sampling decision. Run:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main RuleHotPathBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleHotPathBenchmark {
    private InstrumentationRule connector;
    private InstrumentationRule sampled;
    private Invocation invocation;
    private ValueSource modelPath;

    @Setup
    public void setUp() throws Exception {
        RuleSet builtIn = RuleLoader.load(getClass().getClassLoader(), Collections.emptyList());
        connector = builtIn.rule("connector.process-job");
        sampled = RuleLoader.parse("bench.yaml", "rules:\n  - id: s\n    type: {name: a.B}\n    method: {name: m}\n"
                + "    sampling: {probability: 0.5, maxPerSecond: 1000000000}\n    emit: {enter: a.b}\n").rules().get(0);
        Fixtures.Job job = new Fixtures.Job("job-1", "image", 1);
        job.getPayload().put("model", "sdxl");
        invocation = new Invocation(new Fixtures.SimulatedImageConnector(), new Object[] {job, null});
        modelPath = PathParser.parse("args[0].payload['model']");
    }

    @Benchmark
    public Map<String, Object> connectorAttributes() {
        return connector.attributes(Phase.ENTER, invocation);
    }

    @Benchmark
    public Correlation connectorCorrelation() {
        return connector.correlation(invocation);
    }

    @Benchmark
    public Object nestedPath() {
        return modelPath.value(invocation);
    }

    @Benchmark
    public boolean samplingDecision() {
        return sampled.sample();
    }
}
