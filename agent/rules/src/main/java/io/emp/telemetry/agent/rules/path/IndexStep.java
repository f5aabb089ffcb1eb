package io.emp.telemetry.agent.rules.path;

import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code [i]}: an element of a list or array (a bounded walk for other iterables), or the map value for key i. */
final class IndexStep implements AttributePath.Step {
    private static final int MAX_ITERATION = 1000;
    private final int index;

    IndexStep(int index) {
        this.index = index;
    }

    @Override
    public Object apply(Object receiver) {
        if (receiver instanceof List) {
            List<?> list = (List<?>) receiver;
            return index < list.size() ? list.get(index) : null;
        }
        if (receiver.getClass().isArray()) {
            return index < Array.getLength(receiver) ? Array.get(receiver, index) : null;
        }
        if (receiver instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) receiver;
            Object value = map.get(index);
            return value != null ? value : map.get(String.valueOf(index));
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
