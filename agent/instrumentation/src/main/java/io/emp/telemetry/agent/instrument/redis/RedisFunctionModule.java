package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Redis functions and scripts ({@code EMP_INSTRUMENTATION_REDIS_ENABLED}):
 * <ul>
 *   <li>Lettuce {@code fcall} / {@code fcallReadOnly} and {@code eval} / {@code evalsha} / {@code evalReadOnly} /
 *       {@code evalshaReadOnly} (sync and async through the async commands, reactive);</li>
 *   <li>Jedis {@code fcall} / {@code fcallReadonly} and {@code eval} / {@code evalsha} / {@code evalReadonly} /
 *       {@code evalshaReadonly} on {@code Jedis} and {@code UnifiedJedis}, in every overload;</li>
 *   <li>the same commands queued in a Jedis pipeline or transaction (declared by {@code PipeliningBase} from
 *       Jedis 5 on; {@code Pipeline}, {@code TransactionBase} and {@code MultiNodePipelineBase} before), whose
 *       reply arrives at {@code Response.set} during {@code sync()} / {@code exec()}.</li>
 * </ul>
 * Types are matched by their exact original names only, so the agent's relocated Jedis is never touched.
 */
public final class RedisFunctionModule extends InstrumentationModule {
    public static final String NAME = "redis";
    private static final String[] LETTUCE_METHODS = {"fcall", "fcallReadOnly", "eval", "evalsha", "evalReadOnly", "evalshaReadOnly"};
    private static final String[] JEDIS_METHODS = {"fcall", "fcallReadonly", "eval", "evalsha", "evalReadonly", "evalshaReadonly"};

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
        PendingReplies replies = new PendingReplies(
                new SuppressedCalls(runtime, SuppressedCalls.REPORT_INTERVAL_MILLIS, SuppressedCalls.UNTRACKED_REASON));
        CallSites sites = runtime.callSites();
        int plain = sites.register("redis:fcall",
                new FunctionCallHandler(events, FunctionCallHandler.Delivery.RETURN_OR_FUTURE));
        int reactive = sites.register("redis:fcall-reactive",
                new FunctionCallHandler(events, FunctionCallHandler.Delivery.REACTIVE));
        int queued = sites.register("redis:queued",
                new FunctionCallHandler(events, FunctionCallHandler.Delivery.QUEUED, replies));
        int reply = sites.register("redis:queued-reply", replies);

        ElementMatcher.Junction<MethodDescription> lettuce = isPublic()
                .and(namedOneOf(LETTUCE_METHODS))
                .and(takesArguments(3).or(takesArguments(4)));
        ElementMatcher.Junction<MethodDescription> jedis = isPublic().and(not(isAbstract())).and(namedOneOf(JEDIS_METHODS));
        // (name, List keys, List args)
        ElementMatcher.Junction<MethodDescription> jedisLists = jedis.and(takesArguments(3))
                .and(takesArgument(1, named("java.util.List")));
        // (script, int keyCount, params...)
        ElementMatcher.Junction<MethodDescription> jedisKeyCount = jedis.and(takesArguments(3))
                .and(takesArgument(1, int.class));
        // (script) and the cluster form (script, sampleKey)
        ElementMatcher.Junction<MethodDescription> jedisScriptOnly = jedis.and(takesArguments(1).or(takesArguments(2)));
        ElementMatcher.Junction<TypeDescription> clients = named(LibraryNames.JEDIS).or(named(LibraryNames.UNIFIED_JEDIS));
        ElementMatcher.Junction<TypeDescription> queues = namedOneOf(LibraryNames.JEDIS_QUEUES);
        ElementMatcher.Junction<MethodDescription> returnsResponse = returns(named(LibraryNames.JEDIS_RESPONSE));

        return Arrays.asList(
                TypeInstrumentation.of(named(LibraryNames.LETTUCE_ASYNC), lettuce, CallSites.lazyAdvice(LettuceFcallAdvice.class, plain)),
                TypeInstrumentation.of(named(LibraryNames.LETTUCE_REACTIVE), lettuce,
                        CallSites.lazyAdvice(LettuceReactiveFcallAdvice.class, reactive)),
                TypeInstrumentation.of(clients, jedisLists, CallSites.lazyAdvice(JedisFcallAdvice.class, plain)),
                TypeInstrumentation.of(clients, jedisKeyCount, CallSites.lazyAdvice(JedisKeyCountAdvice.class, plain)),
                TypeInstrumentation.of(clients, jedisScriptOnly, CallSites.lazyAdvice(JedisScriptOnlyAdvice.class, plain)),
                TypeInstrumentation.of(queues, jedisLists.and(returnsResponse), CallSites.lazyAdvice(JedisFcallAdvice.class, queued)),
                TypeInstrumentation.of(queues, jedisKeyCount.and(returnsResponse), CallSites.lazyAdvice(JedisKeyCountAdvice.class, queued)),
                TypeInstrumentation.of(queues, jedisScriptOnly.and(returnsResponse),
                        CallSites.lazyAdvice(JedisScriptOnlyAdvice.class, queued)),
                TypeInstrumentation.of(named(LibraryNames.JEDIS_RESPONSE),
                        isPublic().and(named("set")).and(takesArguments(1)), CallSites.lazyAdvice(JedisResponseSetAdvice.class, reply)));
    }
}
