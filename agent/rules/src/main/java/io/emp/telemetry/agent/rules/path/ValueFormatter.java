package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Redactor;
import io.emp.telemetry.schema.Limits;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns an extracted value into something an event can carry: strings, numbers and booleans as they are, everything
 * else as a bounded string. Collections, arrays and maps are summarized (first elements and the size) rather than
 * rendered whole; map entries with sensitive keys are masked. Every string is capped at
 * {@link Limits#MAX_VALUE_CHARS}.
 */
public final class ValueFormatter {
    private static final int MAX_ELEMENTS = 10;
    private static final int MAX_ELEMENT_CHARS = 200;

    private ValueFormatter() {
    }

    /** Null when the value is null or cannot be rendered (its {@code toString()} threw). Never throws. */
    public static Object format(Object value, Redactor redactor) {
        try {
            if (value == null || value instanceof String && ((String) value).length() <= Limits.MAX_VALUE_CHARS) {
                return value;
            }
            if (value instanceof Boolean || value instanceof Number) {
                return value;
            }
            if (value instanceof Enum) {
                return ((Enum<?>) value).name();
            }
            if (value instanceof Class) {
                return ((Class<?>) value).getName();
            }
            return cap(render(value, redactor, Limits.MAX_VALUE_CHARS), Limits.MAX_VALUE_CHARS);
        } catch (Throwable unrenderable) {
            return null;
        }
    }

    /** {@code true} when {@link #format} had to cut the value. */
    public static boolean isTruncated(Object formatted) {
        return formatted instanceof String && ((String) formatted).endsWith(Limits.TRUNCATION_MARK);
    }

    public static String cap(String s, int maxChars) {
        if (s == null || s.length() <= maxChars) {
            return s;
        }
        int keep = Math.max(0, maxChars - Limits.TRUNCATION_MARK.length());
        return s.substring(0, keep) + Limits.TRUNCATION_MARK;
    }

    private static String render(Object value, Redactor redactor, int budget) {
        if (value instanceof Throwable) {
            Throwable t = (Throwable) value;
            return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
        }
        if (value instanceof Map) {
            return renderMap((Map<?, ?>) value, redactor, budget);
        }
        if (value instanceof Collection) {
            Collection<?> c = (Collection<?>) value;
            return renderElements(c.iterator(), c.size(), redactor, budget);
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            return renderElements(new ArrayIterator(value, Math.min(length, MAX_ELEMENTS)), length, redactor, budget);
        }
        return String.valueOf(value);
    }

    private static String renderElements(Iterator<?> it, int size, Redactor redactor, int budget) {
        StringBuilder sb = new StringBuilder("[");
        int shown = 0;
        while (it.hasNext() && shown < MAX_ELEMENTS && sb.length() < budget) {
            if (shown > 0) {
                sb.append(", ");
            }
            sb.append(element(it.next(), redactor));
            shown++;
        }
        if (size > shown) {
            sb.append(shown > 0 ? ", " : "").append("… (").append(size).append(" items)");
        }
        return sb.append(']').toString();
    }

    private static String renderMap(Map<?, ?> map, Redactor redactor, int budget) {
        StringBuilder sb = new StringBuilder("{");
        int shown = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (shown == MAX_ELEMENTS || sb.length() >= budget) {
                break;
            }
            if (shown > 0) {
                sb.append(", ");
            }
            String key = String.valueOf(e.getKey());
            Object v = redactor != null && redactor.isSensitive(key) ? Redactor.MASK : e.getValue();
            sb.append(cap(key, MAX_ELEMENT_CHARS)).append('=').append(element(v, redactor));
            shown++;
        }
        if (map.size() > shown) {
            sb.append(shown > 0 ? ", " : "").append("… (").append(map.size()).append(" entries)");
        }
        return sb.append('}').toString();
    }

    private static String element(Object e, Redactor redactor) {
        if (e == null) {
            return "null";
        }
        if (e instanceof Map || e instanceof Collection || e.getClass().isArray()) {
            // One level deep is enough for a summary; deeper nesting shows only its shape.
            int size = e instanceof Map ? ((Map<?, ?>) e).size()
                    : e instanceof Collection ? ((Collection<?>) e).size() : Array.getLength(e);
            return e instanceof Map ? "{… (" + size + " entries)}" : "[… (" + size + " items)]";
        }
        return cap(String.valueOf(e), MAX_ELEMENT_CHARS);
    }

    private static final class ArrayIterator implements Iterator<Object> {
        private final Object array;
        private final int limit;
        private int i;

        ArrayIterator(Object array, int limit) {
            this.array = array;
            this.limit = limit;
        }

        @Override
        public boolean hasNext() {
            return i < limit;
        }

        @Override
        public Object next() {
            return Array.get(array, i++);
        }
    }
}
