package io.emp.telemetry.testapp.websocket;

import io.emp.telemetry.bootstrap.Bridge;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/** Jetty WebSocket API endpoints of a test application (outside the agent's packages). */
public final class JettyEndpoints {
    /** What the server's message callback saw as the current trace context (the connection's span). */
    public static final BlockingQueue<String> CONTEXT_IN_MESSAGE = new ArrayBlockingQueue<>(10);

    private JettyEndpoints() {
    }

    public static class EchoListener implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            CONTEXT_IN_MESSAGE.offer(String.valueOf(Bridge.traceparent(EchoListener.class)));
            session.sendText("echo:" + message, Callback.NOOP);
        }
    }

    @WebSocket
    public static class AnnotatedEndpoint {
        @OnWebSocketOpen
        public void open(Session session) {
        }

        @OnWebSocketMessage
        public void message(Session session, String text) {
            throw new IllegalArgumentException("cannot parse " + text.length() + " characters");
        }

        @OnWebSocketError
        public void error(Throwable cause) {
        }

        @OnWebSocketClose
        public void close(int statusCode, String reason) {
        }
    }

    /** Overrides neither open nor, on the server, close: Jetty does not call them; its frame handler is seen. */
    public static class ClientListener implements Session.Listener.AutoDemanding {
        public final BlockingQueue<String> replies = new ArrayBlockingQueue<>(10);
        public final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onWebSocketText(String message) {
            replies.offer(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closed.countDown();
        }
    }
}
