import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The smallest real server for the side-by-side CPU-per-request leg: the JDK's {@code com.sun.net.httpserver}
 * answering every {@code GET /} with a 20-byte body on a small fixed pool. Nothing in it knows about
 * telemetry: each agent instruments it from the outside (both the EMP agent's {@code http-server}
 * instrumentation and the OpenTelemetry agent's {@code java-http-server} one cover the JDK server; the
 * {@code rule} mode instruments {@link Hello#handle} instead).
 *
 * <pre>java HttpServerApp PORT</pre>
 */
public final class HttpServerApp {
    private static final byte[] BODY = "hello, side by side\n".getBytes(StandardCharsets.US_ASCII); // 20 bytes

    public static void main(String[] args) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms per keep-alive request, and wrk would measure that timer instead of the server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        server.setExecutor(pool);
        server.createContext("/", new Hello());
        server.start();
        System.out.println("HttpServerApp listening on http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Named (not a lambda) so that a rule can match it by class name. */
    static final class Hello implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        }
    }
}
