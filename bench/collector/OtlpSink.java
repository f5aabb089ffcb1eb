import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OTLP backend of the collector footprint benchmark: answers every {@code POST /v1/logs|traces|metrics}
 * with 200 and an empty body (an empty {@code Export…ServiceResponse} in protobuf: full success), after
 * reading the whole request. Counts requests and bytes and prints them on exit. Loopback only.
 *
 * <pre>java OtlpSink PORT</pre>
 */
public final class OtlpSink {
    public static void main(String[] args) throws IOException {
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            byte[] buffer = new byte[16384];
            long n = 0;
            try (InputStream in = exchange.getRequestBody()) {
                for (int r; (r = in.read(buffer)) > 0; ) n += r;
            }
            requests.incrementAndGet();
            bytes.addAndGet(n);
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("OtlpSink requests=" + requests.get() + " bytes=" + bytes.get())));
        server.start();
        System.out.println("OtlpSink listening on http://127.0.0.1:" + server.getAddress().getPort());
    }
}
