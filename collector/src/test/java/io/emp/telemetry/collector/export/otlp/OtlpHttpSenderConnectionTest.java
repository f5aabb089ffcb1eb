package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.health.CollectorStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender's one immediate retry, against a real HTTP/1.1 server on a socket that drops a
 * keep-alive connection after reading a request and before answering it (a server restarting,
 * an idle timeout racing the request). The JDK does not resend a streamed POST itself.
 */
class OtlpHttpSenderConnectionTest {
    private DroppingServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void aKeepAliveConnectionDroppedBeforeTheAnswerIsRetriedOnceOnANewConnection() throws IOException {
        server = new DroppingServer(Set.of(2)); // the second request overall goes unanswered
        OtlpHttpSender sender = sender(server);
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);

        assertTrue(sender.send(first).success());
        ExportOutcome outcome = sender.send(second);

        assertTrue(outcome.success(), outcome::error);
        assertEquals(3, server.requests.size(), "first, second (dropped), second again");
        assertArrayEquals(first, server.requests.get(0));
        assertArrayEquals(second, server.requests.get(1));
        assertArrayEquals(second, server.requests.get(2));
        assertEquals(2, server.connections.get(), "the dropped one was the kept-alive connection; the retry opened another");
    }

    @Test
    void aSecondDropFailsTheRoundWithoutAThirdTry() throws IOException {
        server = new DroppingServer(Set.of(2, 3));
        OtlpHttpSender sender = sender(server);
        assertTrue(sender.send("first".getBytes(StandardCharsets.UTF_8)).success());

        ExportOutcome outcome = sender.send("second".getBytes(StandardCharsets.UTF_8));

        assertFalse(outcome.success());
        assertTrue(outcome.error().startsWith("OTLP logs: "), outcome.error());
        assertEquals(3, server.requests.size(), "one retry, then the collector's back-off decides");

        assertTrue(sender.send("third".getBytes(StandardCharsets.UTF_8)).success(), "the next round starts afresh");
    }

    private static OtlpHttpSender sender(DroppingServer server) {
        var settings = new OtlpHttpSettings(URI.create("http://127.0.0.1:" + server.port() + "/v1/logs"),
                Map.of(), false, Duration.ofSeconds(5), false);
        return new OtlpHttpSender(OtlpSignal.LOGS, settings, new Rejections(new CollectorStats()), Clock.systemUTC());
    }

    /** Answers 200 on a kept-alive connection, except to the requests it is told to drop: it reads them and closes. */
    private static final class DroppingServer implements AutoCloseable {
        final List<byte[]> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        private final Set<Integer> dropped;
        private final ServerSocket socket;
        private final Thread acceptor;

        DroppingServer(Set<Integer> dropped) throws IOException {
            this.dropped = dropped;
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "dropping-otlp-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    serve(connection);
                } catch (IOException closed) {
                    // the client or the test closed it
                }
            }
        }

        private void serve(Socket connection) throws IOException {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (true) {
                byte[] body = readRequest(in);
                if (body == null) return;
                requests.add(body);
                if (dropped.contains(requests.size())) return; // read, never answered: the socket closes
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        /** The body of the next request on the connection, or {@code null} when the client closed it. */
        private static byte[] readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) return null;
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return in.readNBytes(length);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
