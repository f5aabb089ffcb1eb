package io.emp.telemetry.agent.bench;

import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.agent.instrument.AgentBridgeHandler;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteAdvice;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.rules.RulesModule;
import io.emp.telemetry.agent.rules.RuleLoader;
import io.emp.telemetry.agent.rules.RuleSet;
import io.emp.telemetry.bootstrap.Bridge;
import io.emp.telemetry.schema.TelemetryEvent;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * What an instrumented call costs the application thread: a method really instrumented with the
 * agent's generic advice ({@link CallSiteAdvice}, inlined by ByteBuddy exactly as the agent does),
 * called through the bridge into the rule's handler, up to the hand-off to the sink (here a sink
 * that only keeps the last event, so the emitter's queue is not part of the figure).
 * <ul>
 *   <li>{@code absent}: the advice is there, no agent handler installed (0 B/op expected);</li>
 *   <li>{@code sampledOut}: the rule's sampling drops the call (0 B/op expected: the advice asks
 *       {@code Bridge.active} before it builds the argument array);</li>
 *   <li>{@code oneEvent}: a rule with a return event, a job id and two path attributes;</li>
 *   <li>{@code twoEvents}: the same with an entry event too.</li>
 * </ul>
 * <pre>
 * mvn -B -ntp -o -q -pl agent/core -am package -DskipTests \
 *     dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp agent/core/target/test-classes:agent/core/target/classes:$(cat agent/core/target/cp.txt) \
 *     org.openjdk.jmh.Main HotPathBenchmark -prof gc
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
            + "    type: { name: io.emp.telemetry.agent.bench.HotPathBenchmark$Target }\n"
            + "    method: { name: process }\n"
            + "    correlation: { jobId: \"args[0].id\" }\n"
            + "    attributes: { model: \"args[0].payload['model']\", type: \"args[0].type\" }\n";

    @Param({"absent", "sampledOut", "oneEvent", "twoEvents"})
    public String mode;

    private Job job;
    private Processor target;
    private ConsumingSink sink;

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

    /** How the benchmark calls the instrumented class (loaded in a child loader). */
    public interface Processor {
        String process(Job job);
    }

    /** The application method; the benchmark runs a copy with the advice inlined. */
    public static final class Target implements Processor {
        @Override
        public String process(Job job) {
            return job.getId();
        }
    }

    /** Keeps the last event, so the events are built but not queued. */
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
    public void setUp() throws Exception {
        job = new Job("job-1", "image.resize", Map.of("model", "sdxl", "prompt", "a cat"));
        sink = new ConsumingSink();
        AgentRuntime runtime = new AgentRuntime("bench", sink);
        String emit = mode.equals("twoEvents") ? "{ enter: job.processing, return: job.processed }"
                : "{ return: job.processed }";
        String sampling = mode.equals("sampledOut") ? "    sampling: { probability: 0.0 }\n" : "";
        RuleSet rules = RuleLoader.parse("bench.yaml", RULE + "    emit: " + emit + "\n" + sampling);
        if (!rules.problems().isEmpty()) throw new IllegalStateException(rules.problems().toString());
        new RulesModule(rules.rules()).typeInstrumentations(runtime); // registers the rule as site 0
        if (!mode.equals("absent")) Bridge.install(new AgentBridgeHandler(runtime.callSites(), null));
        Class<?> instrumented = new ByteBuddy()
                .redefine(Target.class)
                .visit(CallSites.advice(CallSiteAdvice.class, 0).on(named("process")))
                .make()
                .load(Target.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
        target = (Processor) instrumented.getDeclaredConstructor().newInstance();
        target.process(job);
        boolean emits = mode.endsWith("Event") || mode.endsWith("Events");
        if (emits != (sink.last != null)) throw new IllegalStateException(mode + ": events " + sink.last);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Bridge.install(null);
    }

    @Benchmark
    public String instrumentedCall() {
        return target.process(job);
    }
}
