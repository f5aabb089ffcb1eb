package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * On Jakarta WebSocket open callbacks: {@code @OnOpen} methods of {@code @ServerEndpoint} and
 * {@code @ClientEndpoint} classes, {@code Endpoint.onOpen(Session, EndpointConfig)} overrides.
 * Reads only getters of the session (id, request URI, principal, query parameters, user
 * properties), never the connection. The server API ({@code jakarta.websocket.server}) is touched
 * inside a try: a client-only application does not have it.
 */
public final class JakartaOpenAdvice {
    private JakartaOpenAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @UserParam String userParam,
                             @Advice.Origin Class<?> origin,
                             @Advice.This Object endpoint,
                             @Advice.AllArguments Object[] args) {
        if (!Bridge.active(site)) return;
        Session session = null;
        EndpointConfig config = null;
        for (Object arg : args) {
            if (arg instanceof Session) session = (Session) arg;
            else if (arg instanceof EndpointConfig) config = (EndpointConfig) arg;
        }
        String side = "client";
        String route = null;
        try {
            ServerEndpoint annotation = origin.getAnnotation(ServerEndpoint.class);
            if (annotation != null) {
                side = "server";
                route = annotation.value();
            } else if (config instanceof ServerEndpointConfig) {
                side = "server";
                route = ((ServerEndpointConfig) config).getPath();
            }
        } catch (Throwable clientOnly) {
            side = "client";
        }
        String socketId = null;
        String path = null;
        String user = null;
        String traceparent = null;
        String peerAddress = null;
        int peerPort = -1;
        if (session != null) {
            socketId = session.getId();
            URI uri = session.getRequestURI();
            if (uri != null) path = uri.getPath();
            Principal principal = session.getUserPrincipal();
            if (principal != null) user = principal.getName();
            Map<String, List<String>> params = session.getRequestParameterMap();
            if (params != null) {
                List<String> values = params.get("traceparent");
                if (values != null && !values.isEmpty()) traceparent = values.get(0);
                values = userParam.isEmpty() ? null : params.get(userParam);
                if (user == null && values != null && !values.isEmpty()) user = values.get(0);
            }
            Map<String, Object> properties = session.getUserProperties();
            // Tomcat's name for the peer; Jetty's Jakarta session does not expose one
            Object remote = properties == null ? null : properties.get("jakarta.websocket.endpoint.remoteAddress");
            if (remote instanceof InetSocketAddress) {
                InetSocketAddress address = (InetSocketAddress) remote;
                peerAddress = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
                peerPort = address.getPort();
            }
        }
        Bridge.socketOpened(site, origin, session, endpoint, "jakarta", side, socketId, path, route, user,
                peerAddress, peerPort, traceparent);
    }
}
