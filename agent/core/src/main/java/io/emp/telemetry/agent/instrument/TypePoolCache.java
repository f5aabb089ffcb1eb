package io.emp.telemetry.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Type descriptions shared between transformations, per class loader. Without it ByteBuddy reads
 * and parses every supertype's class file again for each class it matches: a rule matching by
 * interface or a {@code @TelemetryEvent} lookup walks the hierarchy of every class an application
 * loads ({@code java.lang.Object}, Spring's base classes, their interfaces…), thousands of times
 * during a Spring Boot start.
 * <p>
 * Bounded: at most {@link #MAX_TYPES} descriptions in all; one more clears every cache (they only
 * save work). A cache refers to its loader through the class file locator, so clearing is also what
 * lets a discarded loader go.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    static final int MAX_TYPES = 20_000;

    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final TypePool.CacheProvider boot = new Bounded();

    TypePoolCache() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) return boot;
        synchronized (byLoader) {
            return byLoader.computeIfAbsent(loader, l -> new Bounded());
        }
    }

    private void clearAll() {
        synchronized (byLoader) {
            byLoader.clear();
        }
        boot.clear();
        size.set(0);
    }

    private final class Bounded implements TypePool.CacheProvider {
        private final ConcurrentMap<String, TypePool.Resolution> types = new ConcurrentHashMap<>();

        @Override
        public TypePool.Resolution find(String name) {
            return types.get(name);
        }

        @Override
        public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            if (size.incrementAndGet() > MAX_TYPES) clearAll();
            TypePool.Resolution known = types.putIfAbsent(name, resolution);
            return known != null ? known : resolution;
        }

        @Override
        public void clear() {
            types.clear();
        }
    }
}
