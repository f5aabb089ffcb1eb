package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Redis function calls ({@code EMP_INSTRUMENTATION_REDIS_ENABLED}): Lettuce {@code fcall} /
 * {@code fcallReadOnly} (sync and async through the async commands, reactive) and Jedis
 * {@code fcall} / {@code fcallReadonly}. Types are matched by their exact original names only,
 * so the agent's relocated Lettuce is never touched.
 */
public final class RedisFunctionModule extends InstrumentationModule {
    public static final String NAME = "redis";

    private final Settings settings;

    public RedisFunctionModule() {
        this(Settings.fromEnvironment(null));
    }

    /** With explicit settings (tests; or the framework once it passes its own). */
    public RedisFunctionModule(Settings settings) {
        super(NAME, true);
        this.settings = settings;
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        FunctionEvents events = new FunctionEvents(runtime, EmptyResultPolicy.from(settings),
                new SuppressedCalls(runtime, SuppressedCalls.REPORT_INTERVAL_MILLIS));
        CallSites sites = runtime.callSites();
        int plain = sites.register("redis:fcall",
                new FunctionCallHandler(events, FunctionCallHandler.Delivery.RETURN_OR_FUTURE));
        int reactive = sites.register("redis:fcall-reactive",
                new FunctionCallHandler(events, FunctionCallHandler.Delivery.REACTIVE));
        ElementMatcher.Junction<MethodDescription> lettuceFcall = isPublic()
                .and(namedOneOf("fcall", "fcallReadOnly"))
                .and(takesArguments(3).or(takesArguments(4)));
        ElementMatcher.Junction<MethodDescription> jedisFcall = isPublic()
                .and(namedOneOf("fcall", "fcallReadonly"))
                .and(takesArguments(3));
        return Arrays.asList(
                TypeInstrumentation.of(named(LibraryNames.LETTUCE_ASYNC), lettuceFcall, CallSites.lazyAdvice(LettuceFcallAdvice.class, plain)),
                TypeInstrumentation.of(named(LibraryNames.LETTUCE_REACTIVE), lettuceFcall,
                        CallSites.lazyAdvice(LettuceReactiveFcallAdvice.class, reactive)),
                TypeInstrumentation.of(named(LibraryNames.JEDIS).or(named(LibraryNames.UNIFIED_JEDIS)), jedisFcall,
                        CallSites.lazyAdvice(JedisFcallAdvice.class, plain)));
    }
}
