package io.emp.telemetry.agent.rules.path;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a path may touch in JDK classes. JDK code is only ever reached through this fixed list: a few accessors
 * ({@link #isAllowedJdkMethod}) and the JDK's own collections and maps ({@link #isReadableContainer}). Everything else
 * of the JDK — {@code AtomicInteger.getAndIncrement}, {@code ByteBuffer.getInt}, {@code URL.getContent},
 * {@code Iterator.next} of a foreign iterator — is out of reach.
 */
final class ReadableTypes {
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};
    /** {@code declaring class#method}: side-effect-free JDK accessors a path may call. */
    private static final Set<String> JDK_ACCESSORS = new HashSet<>(Arrays.asList(
            "java.lang.Object#getClass",
            "java.lang.Class#getName", "java.lang.Class#getSimpleName",
            "java.lang.String#length", "java.lang.String#isEmpty",
            "java.lang.Enum#name", "java.lang.Enum#ordinal",
            "java.lang.Throwable#getMessage", "java.lang.Throwable#getCause",
            "java.net.URI#getScheme", "java.net.URI#getHost", "java.net.URI#getPort", "java.net.URI#getPath",
            "java.net.URL#getProtocol", "java.net.URL#getHost", "java.net.URL#getPort", "java.net.URL#getPath"));
    /** Maps whose {@code get} runs no code but the key's (a path's String or Integer) hashCode/equals/compareTo. */
    private static final Set<Class<?>> DIRECT_LOOKUP = new HashSet<>(Arrays.<Class<?>>asList(
            HashMap.class, ConcurrentHashMap.class, IdentityHashMap.class, EnumMap.class, TreeMap.class,
            ConcurrentSkipListMap.class));
    /** Entries walked to find a key in other JDK maps (a get on an access-ordered LinkedHashMap would reorder it). */
    private static final int MAX_KEY_WALK = 256;
    private static final ClassValue<Boolean> READABLE = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) && isJdk(type)
                    && !BlockingQueue.class.isAssignableFrom(type)
                    && !type.getName().startsWith("java.util.WeakHashMap")
                    && !type.getName().contains("$Synchronized");
        }
    };

    private ReadableTypes() {
    }

    /** Classes of the JDK (and anything loaded by the boot or platform loader): only the allow-list applies. */
    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return true;
        }
        String name = type.getName();
        for (String prefix : JDK_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean isAllowedJdkMethod(Method m) {
        return JDK_ACCESSORS.contains(m.getDeclaringClass().getName() + "#" + m.getName());
    }

    /**
     * A JDK collection or map whose size, elements and entries a path may read: not a blocking queue (their
     * {@code size} and iterators take locks), not a {@code WeakHashMap} (reading expunges entries), not a
     * {@code Collections.synchronized*} wrapper (iterating it needs the caller's lock). An application's own
     * collection is never iterated: its {@code iterator()} is arbitrary code (a Jetty {@code BlockingArrayQueue}
     * takes its locks there).
     */
    static boolean isReadableContainer(Object value) {
        return value != null && READABLE.get(value.getClass());
    }

    /** The value for {@code key} in a readable map, without running the map's own lookup where that could mutate. */
    static Object lookup(Map<?, ?> map, Object key) {
        Class<?> type = map.getClass();
        boolean direct = DIRECT_LOOKUP.contains(type) || type.getName().startsWith("java.util.ImmutableCollections$")
                || type.getName().startsWith("java.util.Collections$Singleton")
                || type.getName().startsWith("java.util.Collections$Empty");
        if (direct && map instanceof SortedMap && ((SortedMap<?, ?>) map).comparator() != null) {
            direct = false; // the comparator is application code
        }
        if (direct) {
            return map.get(key);
        }
        int walked = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (walked++ >= MAX_KEY_WALK) {
                break;
            }
            if (key.equals(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Whether a readable map holds {@code key} (same lookup rules as {@link #lookup}). */
    static boolean containsKey(Map<?, ?> map, Object key) {
        if (lookup(map, key) != null) {
            return true;
        }
        int walked = 0;
        for (Object k : map.keySet()) {
            if (walked++ >= MAX_KEY_WALK) {
                return false;
            }
            if (key.equals(k)) {
                return true;
            }
        }
        return false;
    }
}
