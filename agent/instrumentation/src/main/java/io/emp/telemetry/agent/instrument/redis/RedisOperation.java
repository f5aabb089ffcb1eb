package io.emp.telemetry.agent.instrument.redis;

import java.util.Locale;

/**
 * What a client method sends: a function call (FCALL, FCALL_RO) or a script (EVAL, EVALSHA and their read-only
 * forms), named by the client method ({@code fcall}, {@code fcallReadonly}, {@code evalshaReadOnly}, …).
 */
enum RedisOperation {
    FCALL(false), FCALL_RO(false), EVAL(true), EVAL_RO(true), EVALSHA(true), EVALSHA_RO(true);

    /** A script (its events are {@code redis_script.*}), else a function ({@code redis_function.*}). */
    final boolean script;

    RedisOperation(boolean script) {
        this.script = script;
    }

    /** Whether the call names its script by digest (EVALSHA) rather than sending it. */
    boolean byDigest() {
        return this == EVALSHA || this == EVALSHA_RO;
    }

    static RedisOperation of(String clientMethod) {
        String m = clientMethod == null ? "" : clientMethod.toLowerCase(Locale.ROOT);
        boolean readOnly = m.endsWith("readonly");
        if (m.startsWith("evalsha")) return readOnly ? EVALSHA_RO : EVALSHA;
        if (m.startsWith("eval")) return readOnly ? EVAL_RO : EVAL;
        return readOnly ? FCALL_RO : FCALL;
    }
}
