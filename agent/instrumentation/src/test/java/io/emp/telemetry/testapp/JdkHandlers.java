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

    /** Sends 200 and a promised 10-byte body, writes 3 bytes, then fails. */
    public static final class CrashingMidBody implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            exchange.sendResponseHeaders(200, 10);
            exchange.getResponseBody().write("par".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            throw new IllegalStateException("lost the rest");
        }
    }

    public static final class Crashing implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
