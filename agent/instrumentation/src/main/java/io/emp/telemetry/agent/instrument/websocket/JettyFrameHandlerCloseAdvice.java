package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandler;
import org.eclipse.jetty.websocket.core.CloseStatus;

/**
 * On Jetty's {@code JettyWebSocketFrameHandler.onClosed(CloseStatus, Callback)}: the close of every
 * Jetty API connection, also of a listener that does not override {@code onWebSocketClose} (Jetty
 * would not call it). Whichever of this and the endpoint's close callback comes first records the
 * close; the other finds the connection gone.
 */
public final class JettyFrameHandlerCloseAdvice {
    private JettyFrameHandlerCloseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @Advice.Origin Class<?> origin,
                             @Advice.This JettyWebSocketFrameHandler handler,
                             @Advice.Argument(0) CloseStatus status) {
        if (!Bridge.active(site)) return;
        Object session = handler.getSession();
        if (session == null) return;
        Bridge.socketClosed(site, origin, session, null, status != null ? status.getCode() : -1,
                status != null ? status.getReason() : null);
    }
}
