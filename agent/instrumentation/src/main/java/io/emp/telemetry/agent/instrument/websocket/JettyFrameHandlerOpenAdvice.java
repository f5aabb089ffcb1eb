package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandler;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * On the return of Jetty's {@code JettyWebSocketFrameHandler.onOpen}, the one object per connection
 * behind every Jetty API endpoint: Jetty calls only the {@code Session.Listener} methods a listener
 * overrides, so a listener without {@code onWebSocketOpen} is seen here. When the endpoint's own open
 * callback ran (inside this method) the connection is known already and this does nothing. Reads the
 * same as {@link JettyOpenAdvice}; the endpoint instance is not visible here, so a connection opened
 * here is found by its session (close, error), not by message callbacks.
 */
public final class JettyFrameHandlerOpenAdvice {
    private JettyFrameHandlerOpenAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@SiteId int site,
                            @UserHeader String userHeader,
                            @UserParam String userParam,
                            @Advice.Origin Class<?> origin,
                            @Advice.This JettyWebSocketFrameHandler handler,
                            @Advice.Thrown Throwable thrown) {
        if (thrown != null || !Bridge.active(site)) return;
        Session session = handler.getSession();
        if (session == null) return;
        Object endpoint = null;
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
