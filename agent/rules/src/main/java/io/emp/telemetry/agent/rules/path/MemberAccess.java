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
 * Resolves {@code .name} on a class to a read-only accessor, in this order: {@code getName()}, {@code isName()},
 * {@code name()} (only when backed by a field of that name, as records and accessor-style classes are, or a well-known side-effect
 * free method such as {@code size()}), then the field {@code name}. Only no-argument, non-void methods qualify, so a
 * path can never call {@code clear()} or {@code close()}. Members the JVM will not let us reach are skipped.
 */
final class MemberAccess {
    /** Marks "this class has no such member"; never invoked. */
    static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);
    private static final Set<String> SIDE_EFFECT_FREE = new HashSet<>(Arrays.asList(
            "size", "length", "isEmpty", "name", "ordinal", "toString", "hashCode", "getMessage"));
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private MemberAccess() {
    }

    static MethodHandle find(Class<?> type, String name) {
        try {
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            MethodHandle handle = method(type, "get" + capitalized);
            if (handle == null) {
                handle = booleanMethod(type, "is" + capitalized);
            }
            if (handle == null && (findField(type, name) != null || SIDE_EFFECT_FREE.contains(name))) {
                handle = method(type, name);
            }
            if (handle == null) {
                handle = field(type, name);
            }
            return handle == null ? NONE : handle;
        } catch (Throwable unreachable) {
            return NONE;
        }
    }

    private static MethodHandle booleanMethod(Class<?> type, String methodName) {
        Method m = findNoArgMethod(type, methodName);
        if (m == null || (m.getReturnType() != boolean.class && m.getReturnType() != Boolean.class)) {
            return null;
        }
        return toHandle(m);
    }

    private static MethodHandle method(Class<?> type, String methodName) {
        Method m = findNoArgMethod(type, methodName);
        return m == null ? null : toHandle(m);
    }

    /** Public methods first (they include interface methods), then declared ones up the superclass chain. */
    private static Method findNoArgMethod(Class<?> type, String methodName) {
        try {
            Method m = type.getMethod(methodName);
            if (qualifies(m)) {
                return m;
            }
        } catch (NoSuchMethodException | RuntimeException | LinkageError notPublic) {
            // fall through to declared methods
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(methodName);
                if (qualifies(m)) {
                    return m;
                }
            } catch (NoSuchMethodException | RuntimeException | LinkageError absent) {
                // keep walking up
            }
        }
        return null;
    }

    private static boolean qualifies(Method m) {
        return m.getParameterCount() == 0 && m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers());
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
            if (!isPubliclyReachable(m)) {
                if (!m.trySetAccessible()) {
                    return null;
                }
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

    private static MethodHandle field(Class<?> type, String name) {
        Field f = findField(type, name);
        if (f == null) {
            return null;
        }
        try {
            boolean reachable = Modifier.isPublic(f.getModifiers()) && Modifier.isPublic(f.getDeclaringClass().getModifiers())
                    && f.getDeclaringClass().getModule().isExported(f.getDeclaringClass().getPackageName());
            if (!reachable && !f.trySetAccessible()) {
                return null;
            }
            MethodHandle getter = LOOKUP.unreflectGetter(f);
            if (Modifier.isStatic(f.getModifiers())) {
                getter = MethodHandles.dropArguments(getter, 0, Object.class);
            }
            return getter.asType(OBJECT_TO_OBJECT);
        } catch (IllegalAccessException | RuntimeException | LinkageError denied) {
            return null;
        }
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException | RuntimeException | LinkageError absent) {
                // keep walking up
            }
        }
        return null;
    }
}
