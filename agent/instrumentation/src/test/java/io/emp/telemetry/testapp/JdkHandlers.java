package io.emp.telemetry.testapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Application handler classes for the JDK server test. They live outside {@code io.emp.telemetry.agent},
 * whose classes the agent never instruments (it takes them for its own).
 */
public final class JdkHandlers {
    private JdkHandlers() {
    }

    public static final class Delegating implements HttpHandler {
        private final HttpHandler next;

        public Delegating(HttpHandler next) {
            this.next = next;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            next.handle(exchange);
        }
    }

    public static final class Orders implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            byte[] body = "accepted".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static final class Crashing implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
