package io.emp.telemetry.agent.rules.path;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Resolves {@code .name} on a class to something that only reads, or to {@link #NONE}:
 * <ol>
 *   <li>{@code .class} on anything: {@code getClass()};</li>
 *   <li>on a JDK class: only an allow-listed accessor ({@link ReadableTypes#isAllowedJdkMethod}), found as
 *       {@code getName()}, {@code isName()} or {@code name()}; JDK fields are never read;</li>
 *   <li>on an application class: {@code getName()}, {@code isName()} (boolean) or {@code name()} when the method is a
 *       plain field read ({@link TrivialGetter}) or an allow-listed JDK accessor it inherits; otherwise the instance
 *       field {@code name} (any visibility, inherited from application superclasses too). Static fields never.</li>
 * </ol>
 * Only no-argument, non-void, non-static methods are ever considered.
 */
final class MemberAccess {
    /** Marks "this class has no such member"; never invoked. */
    static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private MemberAccess() {
    }

    static MethodHandle find(Class<?> type, String name) {
        try {
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            boolean jdk = ReadableTypes.isJdk(type);
            for (String candidate : new String[] {"get" + capitalized, "is" + capitalized, name}) {
                Method m = findNoArgMethod(type, candidate);
                if (m == null || candidate.startsWith("is") && candidate != name && !returnsBoolean(m)) {
                    continue;
                }
                if (readsOnly(m, jdk)) {
                    MethodHandle handle = toHandle(m);
                    if (handle != null) {
                        return handle;
                    }
                }
            }
            MethodHandle field = jdk ? null : field(type, name);
            return field == null ? NONE : field;
        } catch (Throwable unreachable) {
            return NONE;
        }
    }

    /** A JDK method only from the allow-list; an application method only when its bytecode is a field read. */
    private static boolean readsOnly(Method m, boolean receiverIsJdk) {
        if (ReadableTypes.isJdk(m.getDeclaringClass())) {
            return ReadableTypes.isAllowedJdkMethod(m);
        }
        return !receiverIsJdk && TrivialGetter.isTrivial(m);
    }

    private static boolean returnsBoolean(Method m) {
        return m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class;
    }

    /** The most specific declaration: public methods (including interface ones), then declared ones upwards. */
    private static Method findNoArgMethod(Class<?> type, String methodName) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(methodName);
                if (qualifies(m)) {
                    return m;
                }
            } catch (NoSuchMethodException | RuntimeException | LinkageError absent) {
                // keep walking up
            }
        }
        try {
            Method m = type.getMethod(methodName);
            return qualifies(m) ? m : null;
        } catch (NoSuchMethodException | RuntimeException | LinkageError notPublic) {
            return null;
        }
    }

    private static boolean qualifies(Method m) {
        return m.getParameterCount() == 0 && m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers())
                && !m.isBridge() && !m.isSynthetic();
    }

    private static MethodHandle toHandle(Method m) {
        MethodHandle handle = unreflect(m);
        if (handle == null) {
            // e.g. a public method of a private JDK class: call it through a public supertype that declares it.
            Method viaPublic = publicDeclaration(m.getDeclaringClass(), m.getName());
            handle = viaPublic == null ? null : unreflect(viaPublic);
        }
        return handle == null ? null : handle.asType(OBJECT_TO_OBJECT);
    }

    private static MethodHandle unreflect(Method m) {
        try {
            if (!isPubliclyReachable(m) && !m.trySetAccessible()) {
                return null;
            }
            return LOOKUP.unreflect(m);
        } catch (IllegalAccessException | RuntimeException | LinkageError denied) {
            return null;
        }
    }

    private static boolean isPubliclyReachable(Method m) {
        Class<?> owner = m.getDeclaringClass();
        return Modifier.isPublic(m.getModifiers()) && Modifier.isPublic(owner.getModifiers())
                && owner.getModule().isExported(owner.getPackageName());
    }

    private static Method publicDeclaration(Class<?> start, String methodName) {
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (c != start && Modifier.isPublic(c.getModifiers())) {
                try {
                    Method m = c.getMethod(methodName);
                    if (qualifies(m) && isPubliclyReachable(m)) {
                        return m;
                    }
                } catch (NoSuchMethodException | RuntimeException | LinkageError absent) {
                    // try the next supertype
                }
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            queue.addAll(Arrays.asList(c.getInterfaces()));
        }
        return null;
    }

    /** An instance field of the application class or its application superclasses; never static, never JDK. */
    private static MethodHandle field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && !ReadableTypes.isJdk(c); c = c.getSuperclass()) {
            Field f;
            try {
                f = c.getDeclaredField(name);
            } catch (NoSuchFieldException | RuntimeException | LinkageError absent) {
                continue;
            }
            if (Modifier.isStatic(f.getModifiers())) {
                return null;
            }
            try {
                if (!f.trySetAccessible()) {
                    return null;
                }
                return LOOKUP.unreflectGetter(f).asType(OBJECT_TO_OBJECT);
            } catch (IllegalAccessException | RuntimeException | LinkageError denied) {
                return null;
            }
        }
        return null;
    }
}
