package io.emp.telemetry.agent.instrument;

/** A Redis function call (FCALL / FCALL_RO) or script call (EVAL, EVALSHA and their _RO forms) from any client. */
public interface FunctionCallSite extends SiteHandler {
    /**
     * @param clientMethod the client's method name ({@code fcall}, {@code fcallReadonly}, {@code eval}, {@code evalsha}, …)
     * @param function     the function's name, the script or the script's SHA1 digest: a String or byte[]
     * @param keys         the keys (a list or array; only counted)
     * @param args         the arguments (a list or array; only counted)
     */
    SiteCall enter(Class<?> origin, String clientMethod, Object function, Object keys, Object args);
}
