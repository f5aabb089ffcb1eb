package io.emp.telemetry.it.app.routes;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The same requests to a JDK HTTP server with neither Spring nor JAX-RS on the class path (the
 * route apps' classes are, with annotations whose library is missing): the framework
 * instrumentations must stay out of the way. Prints PLAIN-ROUTES-DONE.
 */
public final class PlainServerApp {
    private PlainServerApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/owners", exchange -> {
            byte[] body = "owner".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/fail") ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Requests.get("http://127.0.0.1:" + server.getAddress().getPort(), Requests.OWNER_PATHS);
        } finally {
            server.stop(0);
        }
        System.out.println("PLAIN-ROUTES-DONE");
    }
}
