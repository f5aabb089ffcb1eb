package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.websocket.api.Session;

/**
 * On Jetty WebSocket API close callbacks: {@code Session.Listener.onWebSocketClose(int, String)}
 * (and its {@code Callback} variant), {@code @OnWebSocketClose([Session,] int, String)}.
 */
public final class JettyCloseAdvice {
    private JettyCloseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @Advice.Origin Class<?> origin,
                             @Advice.This Object endpoint,
                             @Advice.AllArguments Object[] args) {
        if (!Bridge.active(site)) return;
        Session session = null;
        int code = -1;
        String reason = null;
        for (Object arg : args) {
            if (arg instanceof Session) session = (Session) arg;
            else if (arg instanceof Integer && code == -1) code = (Integer) arg;
            else if (arg instanceof String && reason == null) reason = (String) arg;
        }
        Bridge.socketClosed(site, origin, session, endpoint, code, reason);
    }
}
