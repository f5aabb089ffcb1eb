package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * On Jetty WebSocket API open callbacks ({@code Session.Listener.onWebSocketOpen(Session)},
 * {@code @OnWebSocketOpen}), server and client. Reads the session's upgrade request (URI,
 * principal, the configured user header or parameter, {@code traceparent}) and peer address.
 */
public final class JettyOpenAdvice {
    private JettyOpenAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @UserHeader String userHeader,
                             @UserParam String userParam,
                             @Advice.Origin Class<?> origin,
                             @Advice.This Object endpoint,
                             @Advice.AllArguments Object[] args) {
        if (!Bridge.active(site)) return;
        Session session = null;
        for (Object arg : args) {
            if (arg instanceof Session) session = (Session) arg;
        }
        String side = "server";
        String path = null;
        String user = null;
        String traceparent = null;
        String peerAddress = null;
        int peerPort = -1;
        // each read in its own try: an implementation that refuses one (a client-side request
        // without server facts) must not cost the connection its event
        if (session != null) {
            UpgradeRequest request = null;
            try {
                request = session.getUpgradeRequest();
            } catch (Throwable notAvailable) {
                request = null;
            }
            if (request != null) try {
                // Jetty's client builds its own request type; the server's are elsewhere
                if (request.getClass().getName().startsWith("org.eclipse.jetty.websocket.client.")) side = "client";
                URI uri = request.getRequestURI();
                if (uri != null) path = uri.getPath();
                Principal principal = request.getUserPrincipal();
                if (principal != null) user = principal.getName();
                if (user == null && !userHeader.isEmpty()) user = request.getHeader(userHeader);
                traceparent = request.getHeader("traceparent");
                Map<String, List<String>> params = request.getParameterMap();
                if (params != null) {
                    List<String> values = userParam.isEmpty() ? null : params.get(userParam);
                    if (user == null && values != null && !values.isEmpty()) user = values.get(0);
                    values = traceparent == null ? params.get("traceparent") : null;
                    if (values != null && !values.isEmpty()) traceparent = values.get(0);
                }
            } catch (Throwable partial) {
                // keep what was read
            }
            try {
                SocketAddress remote = session.getRemoteSocketAddress();
                if (remote instanceof InetSocketAddress) {
                    InetSocketAddress address = (InetSocketAddress) remote;
                    peerAddress = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
                    peerPort = address.getPort();
                }
            } catch (Throwable notConnected) {
                peerAddress = null;
            }
        }
        Bridge.socketOpened(site, origin, session, endpoint, "jetty", side, null, path, null, user,
                peerAddress, peerPort, traceparent);
    }
}
