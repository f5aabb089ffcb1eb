package io.emp.telemetry.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The class descriptions ByteBuddy makes, shared between transformations: one small
 * least-recently-used cache for all class loaders ({@code instrumentation.type_cache.size}, 64 as
 * the OpenTelemetry agent's).
 * <p>
 * Small on purpose. ByteBuddy registers every class it describes, and a parsed class holds a token
 * for each method, field and annotation: about 20 KB each, so the earlier cache of every class (up
 * to 20 000) held 40 MB for the sample API server and made its heap grow by 100 MB. Hierarchy
 * matching no longer needs it ({@code SuperTypes} reads class file outlines); what is left is the
 * types matched and transformed together.
 * <p>
 * An entry refers to its loader (through the class file locator); eviction is what lets a
 * discarded loader go, so the size is also the bound on what the cache can keep alive.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    private final Lru entries;

    TypePoolCache(int size) {
        super(TypePool.Default.ReaderMode.FAST);
        this.entries = new Lru(size);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
        return new View(loader);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** A loader's view of the shared cache: its keys are the loader (by identity) and the type name. */
    private final class View implements TypePool.CacheProvider {
        private final ClassLoader loader;

        View(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public TypePool.Resolution find(String name) {
            if (entries.max == 0) return null;
            synchronized (entries) {
                return entries.get(new Key(loader, name));
            }
        }

        @Override
        public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            if (entries.max == 0) return resolution;
            synchronized (entries) {
                TypePool.Resolution known = entries.putIfAbsent(new Key(loader, name), resolution);
                return known != null ? known : resolution;
            }
        }

        @Override
        public void clear() {
            synchronized (entries) {
                entries.keySet().removeIf(k -> k.loader == loader);
            }
        }
    }

    private static final class Key {
        final ClassLoader loader; // null: the boot loader
        final String name;

        Key(ClassLoader loader, String name) {
            this.loader = loader;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).loader == loader && ((Key) o).name.equals(name);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(loader) + name.hashCode();
        }
    }

    private static final class Lru extends LinkedHashMap<Key, TypePool.Resolution> {
        final int max;

        Lru(int max) {
            super(Math.min(max, 4096) * 4 / 3 + 1, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TypePool.Resolution> eldest) {
            return size() > max;
        }
    }
}
