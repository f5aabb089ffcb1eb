package io.emp.telemetry.testapp.websocket;

import io.emp.telemetry.bootstrap.Bridge;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Jakarta WebSocket endpoints of a test application (outside the agent's packages, which the agent
 * never instruments).
 */
public final class JakartaEndpoints {
    /** What the server's message callback saw as the current trace context (the connection's span). */
    public static final BlockingQueue<String> CONTEXT_IN_MESSAGE = new ArrayBlockingQueue<>(10);

    private JakartaEndpoints() {
    }

    @ServerEndpoint("/chat/{room}")
    public static class ChatEndpoint {
        @OnOpen
        public void open(Session session, EndpointConfig config, @PathParam("room") String room) {
        }

        @OnMessage
        public String message(String text, Session session) {
            if ("boom".equals(text)) throw new IllegalStateException("room is on fire");
            CONTEXT_IN_MESSAGE.offer(String.valueOf(Bridge.traceparent(ChatEndpoint.class)));
            return "ok:" + text.substring("subscribe:".length());
        }

        @OnError
        public void error(Session session, Throwable error) throws Exception {
            session.getBasicRemote().sendText("error:" + error.getMessage());
        }

        @OnClose
        public void close(Session session, CloseReason reason) {
        }
    }

    public static class PlainEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @ClientEndpoint
    public static class ChatClient {
        public final BlockingQueue<String> replies = new ArrayBlockingQueue<>(10);

        @OnOpen
        public void open(Session session) {
        }

        @OnMessage
        public void message(String text) {
            replies.offer(text);
        }

        @OnClose
        public void close(Session session, CloseReason reason) {
        }
    }
}
