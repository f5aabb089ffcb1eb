package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import net.bytebuddy.asm.Advice;

/** On Jakarta WebSocket close callbacks ({@code @OnClose}, {@code Endpoint.onClose(Session, CloseReason)}). */
public final class JakartaCloseAdvice {
    private JakartaCloseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @Advice.Origin Class<?> origin,
                             @Advice.This Object endpoint,
                             @Advice.AllArguments Object[] args) {
        if (!Bridge.active(site)) return;
        Session session = null;
        CloseReason reason = null;
        for (Object arg : args) {
            if (arg instanceof Session) session = (Session) arg;
            else if (arg instanceof CloseReason) reason = (CloseReason) arg;
        }
        int code = -1;
        String phrase = null;
        if (reason != null) {
            if (reason.getCloseCode() != null) code = reason.getCloseCode().getCode();
            phrase = reason.getReasonPhrase();
        }
        Bridge.socketClosed(site, origin, session, endpoint, code, phrase);
    }
}
