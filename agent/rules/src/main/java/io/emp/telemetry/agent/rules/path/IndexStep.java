package io.emp.telemetry.agent.rules.path;

import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * {@code [i]}: an element of an array or of a JDK list (a bounded walk for other JDK collections), or the value for
 * key i of a JDK map. An application's own collection is never indexed: its methods are arbitrary code.
 */
final class IndexStep implements AttributePath.Step {
    private static final int MAX_ITERATION = 1000;
    private final int index;

    IndexStep(int index) {
        this.index = index;
    }

    @Override
    public Object apply(Object receiver) {
        if (receiver.getClass().isArray()) {
            return index < Array.getLength(receiver) ? Array.get(receiver, index) : null;
        }
        if (!ReadableTypes.isReadableContainer(receiver)) {
            return null;
        }
        if (receiver instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) receiver;
            Object value = ReadableTypes.lookup(map, index);
            return value != null ? value : ReadableTypes.lookup(map, String.valueOf(index));
        }
        if (receiver instanceof List && receiver instanceof RandomAccess) {
            List<?> list = (List<?>) receiver;
            return index < list.size() ? list.get(index) : null;
        }
        if (receiver instanceof Iterable && index < MAX_ITERATION) {
            Iterator<?> it = ((Iterable<?>) receiver).iterator();
            for (int i = 0; it.hasNext(); i++) {
                Object element = it.next();
                if (i == index) {
                    return element;
                }
            }
        }
        return null;
    }
}
