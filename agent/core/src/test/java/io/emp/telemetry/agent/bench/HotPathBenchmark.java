package io.emp.telemetry.agent.bench;

import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.agent.instrument.AgentBridgeHandler;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.rules.RulesModule;
import io.emp.telemetry.agent.rules.RuleLoader;
import io.emp.telemetry.agent.rules.RuleSet;
import io.emp.telemetry.bootstrap.Bridge;
import io.emp.telemetry.schema.TelemetryEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What an instrumented call costs the application thread: the work the inlined advice triggers
 * ({@code Bridge.enter} … {@code Bridge.exit}) for a rule with an entry and a return event, two
 * nested-path attributes and a job id, up to the hand-off to the sink (here a sink that only
 * consumes the events, so the emitter's queue is not part of the figure). {@code mode=absent}: the
 * bridge with no agent installed.
 * <pre>
 * mvn -q -o -pl agent/core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp agent/core/target/test-classes:agent/core/target/classes:$(cat agent/core/target/cp.txt) \
 *     org.openjdk.jmh.Main HotPathBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {
    private static final String RULE = "version: 1\n"
            + "rules:\n"
            + "  - id: bench.process\n"
            + "    type: { name: io.emp.telemetry.agent.bench.HotPathBenchmark$Job }\n"
            + "    method: { name: process }\n"
            + "    correlation: { jobId: \"args[0].id\" }\n"
            + "    attributes: { model: \"args[0].payload['model']\", type: \"args[0].type\" }\n"
            + "    emit: { enter: job.processing, return: job.processed }\n";

    @Param({"absent", "rule"})
    public String mode;

    private Job job;
    private Object[] args;

    /** The shape a rule's paths walk: a getter, a field, a map entry. */
    public static final class Job {
        private final String id;
        final String type;
        private final Map<String, Object> payload;

        Job(String id, String type, Map<String, Object> payload) {
            this.id = id;
            this.type = type;
            this.payload = payload;
        }

        public String getId() {
            return id;
        }

        public Map<String, Object> getPayload() {
            return payload;
        }
    }

    /** Consumes events without queueing them. */
    static final class ConsumingSink implements EventSink {
        volatile TelemetryEvent last;

        @Override
        public void emit(TelemetryEvent event) {
            last = event;
        }

        @Override
        public void publish(String channel, Map<String, ?> data) {
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        job = new Job("job-1", "image.resize", Map.of("model", "sdxl", "prompt", "a cat"));
        args = new Object[]{job};
        if (mode.equals("rule")) {
            RuleSet rules = RuleLoader.parse("bench.yaml", RULE);
            if (!rules.problems().isEmpty()) throw new IllegalStateException(rules.problems().toString());
            AgentRuntime runtime = new AgentRuntime("bench", new ConsumingSink());
            new RulesModule(rules.rules()).typeInstrumentations(runtime);
            Bridge.install(new AgentBridgeHandler(runtime.callSites(), null));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Bridge.install(null);
    }

    @Benchmark
    public void instrumentedCall(Blackhole bh) {
        Object token = Bridge.enter(0, Job.class, null, args);
        bh.consume(job);
        Bridge.exit(token, "done", null);
    }
}
