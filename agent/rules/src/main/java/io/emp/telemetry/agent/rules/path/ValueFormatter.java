package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Redactor;
import io.emp.telemetry.schema.Limits;
import io.emp.telemetry.schema.Redaction;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns an extracted value into something an event can carry, without running application code:
 * <ul>
 *   <li>strings, numbers and booleans as they are; enums by name, classes by name; JDK value types (UUID,
 *       {@code java.time}, {@code Date}, {@code BigInteger}/{@code BigDecimal} of bounded size, atomics) as their
 *       JDK text;</li>
 *   <li>exceptions as {@code Type: message} (message as {@code exception.message} would read it, secrets masked);</li>
 *   <li>arrays and the JDK's own collections and maps as a summary of their first elements and size (map entries
 *       with sensitive keys masked);</li>
 *   <li>anything else — an application object, an application collection — as the placeholder {@code <class name>}:
 *       its {@code toString()} (and {@code iterator()}) is never called, as it could be slow, huge or take locks.</li>
 * </ul>
 * Every string is capped at {@link Limits#MAX_VALUE_CHARS}.
 */
public final class ValueFormatter {
    private static final int MAX_ELEMENTS = 10;
    private static final int MAX_ELEMENT_CHARS = 200;
    private static final int MAX_BIG_NUMBER_BITS = 4096;
    private static final PropertyStep MESSAGE = new PropertyStep("message");

    private ValueFormatter() {
    }

    /** Null when the value is null or cannot be rendered. Never throws. */
    public static Object format(Object value, Redactor redactor) {
        try {
            if (value == null || value instanceof Boolean || isPlainNumber(value)) {
                return value;
            }
            Object scalar = scalar(value);
            if (scalar != null) {
                return scalar instanceof String ? cap((String) scalar, Limits.MAX_VALUE_CHARS) : scalar;
            }
            return cap(render(value, redactor), Limits.MAX_VALUE_CHARS);
        } catch (Throwable unrenderable) {
            return null;
        }
    }

    /**
     * The value as a string, number or boolean when it is one of the value types above (an id, a status), else null:
     * correlation ids and {@code when} comparisons use this, so an application object never becomes an id.
     */
    public static Object scalar(Object value) {
        try {
            if (value == null || value instanceof String || value instanceof Boolean || isPlainNumber(value)) {
                return value;
            }
            if (value instanceof Character) {
                return String.valueOf(value);
            }
            if (value instanceof Enum) {
                return ((Enum<?>) value).name();
            }
            if (value instanceof Class) {
                return ((Class<?>) value).getName();
            }
            Class<?> type = value.getClass();
            if (type == AtomicInteger.class || type == AtomicLong.class || type == AtomicBoolean.class
                    || type == UUID.class || type.getName().startsWith("java.time.")
                    || value instanceof Date && ReadableTypes.isJdk(type)) {
                return value.toString();
            }
            if (type == BigInteger.class && ((BigInteger) value).bitLength() <= MAX_BIG_NUMBER_BITS) {
                return value;
            }
            if (type == BigDecimal.class && ((BigDecimal) value).unscaledValue().bitLength() <= MAX_BIG_NUMBER_BITS
                    && Math.abs(((BigDecimal) value).scale()) <= MAX_BIG_NUMBER_BITS) {
                return value;
            }
            return null;
        } catch (RuntimeException unrenderable) {
            return null;
        }
    }

    /** {@code <class name>}, bounded: what an object the agent will not render shows. */
    public static String placeholder(Object value) {
        return "<" + cap(value.getClass().getName(), MAX_ELEMENT_CHARS) + ">";
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

    private static boolean isPlainNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte;
    }

    private static String render(Object value, Redactor redactor) throws Throwable {
        if (value instanceof Throwable) {
            Object message = MESSAGE.apply(value);
            String type = value.getClass().getName();
            return message instanceof String ? type + ": " + Redaction.shared().text((String) message) : type;
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            return renderElements(new ArrayIterator(value, Math.min(length, MAX_ELEMENTS)), length, redactor);
        }
        if (!ReadableTypes.isReadableContainer(value)) {
            return placeholder(value);
        }
        if (value instanceof Map) {
            return renderMap((Map<?, ?>) value, redactor);
        }
        Collection<?> c = (Collection<?>) value;
        return renderElements(c.iterator(), c.size(), redactor);
    }

    private static String renderElements(Iterator<?> it, int size, Redactor redactor) {
        StringBuilder sb = new StringBuilder("[");
        int shown = 0;
        while (shown < MAX_ELEMENTS && sb.length() < Limits.MAX_VALUE_CHARS && it.hasNext()) {
            if (shown > 0) {
                sb.append(", ");
            }
            sb.append(element(it.next()));
            shown++;
        }
        if (size > shown) {
            sb.append(shown > 0 ? ", " : "").append("… (").append(size).append(" items)");
        }
        return sb.append(']').toString();
    }

    private static String renderMap(Map<?, ?> map, Redactor redactor) {
        StringBuilder sb = new StringBuilder("{");
        int shown = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (shown == MAX_ELEMENTS || sb.length() >= Limits.MAX_VALUE_CHARS) {
                break;
            }
            if (shown > 0) {
                sb.append(", ");
            }
            String key = element(e.getKey());
            boolean sensitive = redactor != null ? redactor.isSensitive(key) : Redaction.shared().isSensitive(key);
            sb.append(key).append('=').append(sensitive ? Redaction.MASK : element(e.getValue()));
            shown++;
        }
        int size = map.size();
        if (size > shown) {
            sb.append(shown > 0 ? ", " : "").append("… (").append(size).append(" entries)");
        }
        return sb.append('}').toString();
    }

    /** One element of a summary: a value type as text, a nested array or JDK container as its size only. */
    private static String element(Object e) {
        if (e == null) {
            return "null";
        }
        Object scalar = scalar(e);
        if (scalar != null) {
            return cap(String.valueOf(scalar), MAX_ELEMENT_CHARS);
        }
        if (e.getClass().isArray()) {
            return "[… (" + Array.getLength(e) + " items)]";
        }
        if (ReadableTypes.isReadableContainer(e)) {
            // One level deep is enough for a summary; deeper nesting shows only its shape.
            return e instanceof Map ? "{… (" + ((Map<?, ?>) e).size() + " entries)}"
                    : "[… (" + ((Collection<?>) e).size() + " items)]";
        }
        return placeholder(e);
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
