package io.emp.telemetry.agent.rules.path;

import java.lang.invoke.MethodHandle;
import java.util.Collection;
import java.util.Map;

/**
 * {@code .name}: a map key on maps, {@code length} on arrays, otherwise a getter, accessor or field of the receiver's
 * class. How a class answers the name is resolved once and cached per class in a {@link ClassValue}, so the hot path
 * is one lookup plus one {@link MethodHandle} call.
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
        if (receiver instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) receiver;
            Object value = map.get(name);
            if (value != null || map.containsKey(name)) {
                return value;
            }
            return "size".equals(name) ? Integer.valueOf(map.size()) : null;
        }
        if (receiver.getClass().isArray()) {
            return "length".equals(name) ? Integer.valueOf(java.lang.reflect.Array.getLength(receiver)) : null;
        }
        if (receiver instanceof Collection && "size".equals(name)) {
            return ((Collection<?>) receiver).size();
        }
        MethodHandle accessor = accessors.get(receiver.getClass());
        return accessor == MemberAccess.NONE ? null : (Object) accessor.invokeExact(receiver);
    }

    String name() {
        return name;
    }
}
