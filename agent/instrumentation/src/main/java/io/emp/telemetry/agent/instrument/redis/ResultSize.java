package io.emp.telemetry.agent.instrument.redis;

import java.util.Collection;
import java.util.Map;

/** The size of a function's reply, never its content: elements of a list, characters of a string, else 1. */
final class ResultSize {
    private ResultSize() {
    }

    /** 0 for nil and for empty lists, strings and byte arrays: what an idle poll returns. */
    static int of(Object reply) {
        if (reply == null) return 0;
        if (reply instanceof Collection) return ((Collection<?>) reply).size();
        if (reply instanceof Map) return ((Map<?, ?>) reply).size();
        if (reply instanceof CharSequence) return ((CharSequence) reply).length();
        if (reply instanceof byte[]) return ((byte[]) reply).length;
        if (reply instanceof Object[]) return ((Object[]) reply).length;
        return 1;
    }

    /** Keys or arguments as the clients pass them: an array (Lettuce varargs) or a list (Jedis). */
    static int count(Object keysOrArgs) {
        if (keysOrArgs instanceof Object[]) return ((Object[]) keysOrArgs).length;
        if (keysOrArgs instanceof Collection) return ((Collection<?>) keysOrArgs).size();
        return 0;
    }
}
