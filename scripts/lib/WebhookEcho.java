import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The demo's webhook receiver: `java scripts/lib/WebhookEcho.java PORT` prints every request body it gets. */
public class WebhookEcho {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 16);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("webhook " + ex.getRequestURI() + " signature=" + ex.getRequestHeaders().getFirst("X-Emp-Signature-256")
                    + " " + body);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        System.out.println("webhook receiver on http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }
}
