package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import jakarta.websocket.Session;
import net.bytebuddy.asm.Advice;

/** On Jakarta WebSocket error callbacks ({@code @OnError}, {@code Endpoint.onError(Session, Throwable)}). */
public final class JakartaErrorAdvice {
    private JakartaErrorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @Advice.Origin Class<?> origin,
                             @Advice.This Object endpoint,
                             @Advice.AllArguments Object[] args) {
        if (!Bridge.active(site)) return;
        Session session = null;
        Throwable error = null;
        for (Object arg : args) {
            if (arg instanceof Session) session = (Session) arg;
            else if (arg instanceof Throwable) error = (Throwable) arg;
        }
        Bridge.socketError(site, origin, session, endpoint, error);
    }
}
