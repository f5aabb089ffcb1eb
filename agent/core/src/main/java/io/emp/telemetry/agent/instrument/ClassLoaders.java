package io.emp.telemetry.agent.instrument;

import net.bytebuddy.matcher.ElementMatcher;

/** Class loader pre-filters for {@link InstrumentationModule#classLoaderMatcher()}. */
public final class ClassLoaders {
    private ClassLoaders() {
    }

    /**
     * Loaders that can see {@code className} (as a resource, without loading it). The answer is
     * cached per loader, weakly keyed: ByteBuddy calls this for
     * each type it considers, and a loader's answer does not change.
     */
    public static ElementMatcher<ClassLoader> canSee(String className) {
        String resource = className.replace('.', '/') + ".class";
        WeakCache<ClassLoader, Boolean> cache = new WeakCache<>();
        return loader -> {
            if (loader == null) return false; // application libraries are never on the bootstrap path
            Boolean known = cache.get(loader);
            if (known != null) return known;
            boolean visible;
            try {
                visible = loader.getResource(resource) != null;
            } catch (Throwable t) {
                visible = false;
            }
            cache.put(loader, visible);
            return visible;
        };
    }
}
