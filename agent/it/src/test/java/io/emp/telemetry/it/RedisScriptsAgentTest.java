package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis scripts and queued calls through the PACKAGED agent (whose own Jedis is relocated, so only the
 * application's client is instrumented), on Java 17 and the newest JDK: the newest Jedis (8) with EVAL, EVALSHA,
 * a pipeline and a transaction, and the oldest Lettuce the tests carry (6.1, the conflict test's copy, with its
 * own Netty and Reactor) with EVAL and EVALSHA.
 */
class RedisScriptsAgentTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void newestJedisScriptsPipelinesAndTransactions(Jdks.Jdk jdk) throws Exception {
        String service = "jedis-scripts-" + jdk.tag();
        JvmRun.Result r = JvmRun.on(jdk)
                .classpath(JvmRun.jarOf(redis.clients.jedis.Jedis.class))
                .classpath(JvmRun.jarOf(org.apache.commons.pool2.ObjectPool.class))
                .classpath(JvmRun.jarOf(org.slf4j.Logger.class))
                .classpath(JvmRun.jarOf(com.google.gson.Gson.class))
                .classpath(JvmRun.jarOf(org.json.JSONObject.class))
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .run("io.emp.telemetry.it.app.RedisScriptsApp", "jedis", REDIS.uri(), service);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains("pipeline v v failed"), r::toString);
        assertTrue(r.stdout.contains("transaction v"), r::toString);
        assertFalse(r.stderr.contains("Exception"), r::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> all = redis.all(service);
            List<TelemetryEvent> scripts = RedisEvents.ofType(all, "redis_script.completed");
            assertEquals(List.of("EVAL", "EVALSHA", "EVAL"), operations(scripts), all::toString);
            assertEquals(List.of(false, false, true), pipelined(scripts));
            List<TelemetryEvent> functions = RedisEvents.ofType(all, "redis_function.completed");
            assertEquals(List.of(true, true), pipelined(functions), "the pipeline's and the transaction's FCALL");
            TelemetryEvent rejected = RedisEvents.one(redis.errors(service), "redis_function.failed");
            assertEquals(true, rejected.data().get(Attributes.REDIS_PIPELINED));
            assertTrue(rejected.errorMessage().contains("REJECTED quota"), rejected::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void oldestLettuceScripts(Jdks.Jdk jdk) throws Exception {
        String service = "lettuce-scripts-" + jdk.tag();
        JvmRun run = JvmRun.on(jdk);
        for (Path lib : ConflictingLibrariesTest.conflictLibs()) {
            if (!lib.getFileName().toString().startsWith("jackson")) run.classpath(lib);
        }
        JvmRun.Result r = run.env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .run("io.emp.telemetry.it.app.RedisScriptsApp", "lettuce", REDIS.uri(), service);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains("REDIS-SCRIPTS-APP-DONE lettuce"), r::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> scripts = RedisEvents.ofType(redis.all(service), "redis_script.completed");
            assertEquals(List.of("EVAL", "EVALSHA"), operations(scripts));
            assertEquals(scripts.get(0).data().get(Attributes.REDIS_SCRIPT_SHA1), scripts.get(1).data().get(Attributes.REDIS_SCRIPT_SHA1));
        }
    }

    private static List<Object> operations(List<TelemetryEvent> events) {
        return events.stream().map(e -> e.data().get(Attributes.DB_OPERATION_NAME)).collect(Collectors.toList());
    }

    private static List<Boolean> pipelined(List<TelemetryEvent> events) {
        return events.stream().map(e -> Boolean.TRUE.equals(e.data().get(Attributes.REDIS_PIPELINED))).collect(Collectors.toList());
    }
}
