package io.emp.telemetry.agent.emit.bench;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.agent.emit.FacadeEvents;
import io.emp.telemetry.agent.emit.RedisEventEmitter;
import io.emp.telemetry.agent.emit.TraceContextSupplier;
import io.emp.telemetry.schema.TelemetryEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code emit()} costs the calling thread, against an empty call. Not a test: compiled with the
 * tests, run by hand against a Redis (default the dev Redis on 127.0.0.1:6379, or -Demp.redis.url):
 * <pre>
 * mvn -o -q -pl agent/emitter dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat /tmp/cp.txt):agent/emitter/target/classes:agent/emitter/target/test-classes" \
 *      org.openjdk.jmh.Main EmitBenchmark
 * </pre>
 * The writer drains about 10-20k events/s, far fewer than a benchmark loop offers, so after the
 * first moments most calls take the queue-full path (count and return); the teardown prints how
 * many calls were accepted and dropped so the figures can be read for what they are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EmitBenchmark {
    private RedisEventEmitter emitter;
    private FacadeEvents facade;
    private EventSink emptySink;
    private TelemetryEvent event;
    private Map<String, Object> data;

    @Setup(Level.Trial)
    public void setUp() {
        String url = System.getProperty("emp.redis.url", "redis://127.0.0.1:6379");
        emitter = new RedisEventEmitter(EmitterConfig.from(Settings.of(Map.of("redis.url", url,
                "service.name", "bench", "events.stream", "emp:bench", "events.maxlen", "1000"))));
        facade = new FacadeEvents(emitter, "bench", TraceContextSupplier.NONE);
        emptySink = new EventSink() {
            @Override
            public void emit(TelemetryEvent e) {
            }

            @Override
            public void publish(String channel, Map<String, ?> d) {
            }
        };
        data = Map.of("model", "sdxl", "steps", 30, "apiKey", "k");
        event = facade.toEvent(FacadeEvents.JOB, "job-1", "job.step", data, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println("\n" + emitter.stats());
        emitter.close();
    }

    @Benchmark
    public void emptyCall() {
        emptySink.emit(event);
    }

    @Benchmark
    public void emitPrebuiltEvent() {
        emitter.emit(event);
    }

    @Benchmark
    public void facadeBuildAndEmit() {
        facade.dispatch(FacadeEvents.JOB, "job-1", "job.step", data, null);
    }
}
