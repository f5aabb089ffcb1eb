package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A class that cannot be transformed is left as it was (ByteBuddy then returns the original bytes)
 * and logged once by name; after {@link #MAX_NAMED} distinct names only the count grows, so a
 * pathological application cannot make this set, or the log, grow without bound.
 */
final class TransformFailures extends AgentBuilder.Listener.Adapter {
    static final int MAX_NAMED = 256;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicLong count = new AtomicLong();

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable t) {
        if (isMissingType(t)) {
            // A supertype or annotation of this class is not on the class path (an optional
            // integration, e.g. Netty's Log4J2Logger without Log4j): matching it failed, and the JVM
            // will not be able to load it either. Not worth a warning in the application's log.
            if (Log.debugEnabled()) Log.debug("instrument", "skipped " + typeName + ": " + t);
            return;
        }
        long n = count.incrementAndGet();
        if (logged.size() < MAX_NAMED && logged.add(typeName)) {
            Log.warn("instrument", "cannot instrument " + typeName + ", left unchanged", t);
        } else if (n == MAX_NAMED * 4L) {
            Log.warn("instrument", n + " transformation failures so far; no longer logging each");
        }
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader classLoader, JavaModule module, boolean loaded,
                                 DynamicType dynamicType) {
        if (Log.debugEnabled()) Log.debug("instrument", "instrumented " + type.getName());
    }

    private static boolean isMissingType(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TypePool.Resolution.NoSuchTypeException || c instanceof NoClassDefFoundError) return true;
        }
        return false;
    }

    long count() {
        return count.get();
    }
}
