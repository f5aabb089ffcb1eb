package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * On message callbacks of both APIs ({@code @OnMessage}, {@code @OnWebSocketMessage},
 * {@code Session.Listener.onWebSocketText}/{@code Binary}/{@code Partial*}): the connection's span
 * is current while the callback runs. Found by the endpoint instance alone, so a message costs no
 * argument array; an endpoint shared by several connections finds none and the callback runs as
 * it would without the agent.
 */
public final class MessageAdvice {
    private MessageAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site, @Advice.This Object endpoint) {
        if (!Bridge.active(site)) return null;
        return Bridge.socketMessageEnter(site, null, endpoint);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope) {
        Bridge.socketMessageExit(scope);
    }
}
