package io.emp.telemetry.agent.instrument;

/** A Redis function call (FCALL / FCALL_RO) from any client. */
public interface FunctionCallSite extends SiteHandler {
    /**
     * @param clientMethod the client's method name ({@code fcall}, {@code fcallReadonly}, …)
     * @param function     the function's name, a String or byte[]
     * @param keys         the keys (a list or array; only counted)
     * @param args         the arguments (a list or array; only counted)
     */
    SiteCall enter(Class<?> origin, String clientMethod, Object function, Object keys, Object args);
}
