package io.emp.telemetry.agent.rules.path;

import java.lang.invoke.MethodHandle;
import java.util.Collection;
import java.util.Map;

/**
 * {@code .name}: a key of a JDK map, {@code size}/{@code isEmpty} of a JDK collection or map, {@code length} of an
 * array, otherwise what {@link MemberAccess} allows on the receiver's class. How a class answers the name is resolved
 * once and cached per class in a {@link ClassValue}, so the hot path is one lookup plus one {@link MethodHandle}
 * call.
 */
final class PropertyStep implements AttributePath.Step {
    private final String name;
    private final ClassValue<MethodHandle> accessors = new ClassValue<MethodHandle>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return MemberAccess.find(type, name);
        }
    };

    PropertyStep(String name) {
        this.name = name;
    }

    @Override
    public Object apply(Object receiver) throws Throwable {
        if (receiver.getClass().isArray()) {
            return "length".equals(name) ? Integer.valueOf(java.lang.reflect.Array.getLength(receiver)) : null;
        }
        if (ReadableTypes.isReadableContainer(receiver)) {
            if (receiver instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) receiver;
                Object value = ReadableTypes.lookup(map, name);
                if (value != null || !isSizeName()) {
                    return value;
                }
                return ReadableTypes.containsKey(map, name) ? null : containerSize(map.size(), map.isEmpty());
            }
            if (isSizeName()) {
                Collection<?> c = (Collection<?>) receiver;
                return containerSize(c.size(), c.isEmpty());
            }
        }
        MethodHandle accessor = accessors.get(receiver.getClass());
        return accessor == MemberAccess.NONE ? null : (Object) accessor.invokeExact(receiver);
    }

    private boolean isSizeName() {
        return "size".equals(name) || "isEmpty".equals(name) || "empty".equals(name);
    }

    private Object containerSize(int size, boolean empty) {
        return "size".equals(name) ? (Object) Integer.valueOf(size) : (Object) Boolean.valueOf(empty);
    }

    String name() {
        return name;
    }
}
