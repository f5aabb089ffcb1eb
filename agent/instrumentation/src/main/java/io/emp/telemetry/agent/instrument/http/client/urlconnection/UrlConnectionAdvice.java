package io.emp.telemetry.agent.instrument.http.client.urlconnection;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

import java.net.HttpURLConnection;

/**
 * On {@code connect}, {@code getOutputStream} and {@code getInputStream} of the JDK's
 * {@code sun.net.www.protocol.http.HttpURLConnection} (java.base; the bridge is reachable through
 * the read edge the instrumenter adds). Reads the connection's protected {@code connected} and
 * {@code responseCode} fields instead of calling {@code getResponseCode()}, which would read the
 * response on the application's behalf.
 */
public final class UrlConnectionAdvice {
    private UrlConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.This HttpURLConnection connection,
                               @Advice.FieldValue("connected") boolean connected) {
        if (!Bridge.active(site)) return null;
        return Bridge.urlConnectionEnter(site, origin, connection, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Origin("#m") String method,
                            @Advice.FieldValue("responseCode") int responseCode,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.urlConnectionExit(token, responseCode, thrown, "getInputStream".equals(method));
    }
}
