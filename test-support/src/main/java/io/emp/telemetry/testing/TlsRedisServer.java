package io.emp.telemetry.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A TLS-only redis-server for one test class, with a throw-away CA, a server certificate for
 * {@code 127.0.0.1}/{@code localhost} and a client certificate, all made by openssl (RedisExtension has
 * no TLS mode). {@link #startRequiringClientCertificates()} makes the server demand a client
 * certificate signed by the CA. Killed and deleted on close.
 */
public final class TlsRedisServer implements AutoCloseable {
    public final Path dir;
    /** The CA that signed the server and client certificates (PEM). */
    public final Path caPem;
    /** A client certificate signed by the CA, and its PKCS#8 key (PEM). */
    public final Path clientCertPem;
    public final Path clientKeyPem;
    /** A second CA that signed nothing: trusting only it must fail the handshake. */
    public final Path otherCaPem;
    public final int port;
    private final Process process;

    private TlsRedisServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
        this.clientCertPem = dir.resolve("client.pem");
        this.clientKeyPem = dir.resolve("client.key");
        this.otherCaPem = dir.resolve("other-ca.pem");
        this.port = port;
        this.process = process;
    }

    /** Whether redis-server was built with TLS and openssl exists. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return v.contains("Redis server") && new File("/usr/bin/openssl").canExecute()
                    && new String(new ProcessBuilder("ldd", which("redis-server")).start().getInputStream().readAllBytes()).contains("libssl");
        } catch (Exception e) {
            return false;
        }
    }

    private static String which(String bin) {
        for (String d : new String[]{"/usr/bin/", "/usr/local/bin/"}) {
            if (new File(d + bin).canExecute()) return d + bin;
        }
        return bin;
    }

    public static TlsRedisServer start() throws Exception {
        return start(false);
    }

    public static TlsRedisServer startRequiringClientCertificates() throws Exception {
        return start(true);
    }

    private static TlsRedisServer start(boolean clientAuth) throws Exception {
        Path dir = Files.createTempDirectory("emp-tls-redis-");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "1", "-subj", "/CN=emp-test-ca");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "1", "-extfile", "ext.cnf");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr",
                "-subj", "/CN=emp-agent");
        run(dir, "openssl", "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "1");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem",
                "-days", "1", "-subj", "/CN=emp-other-ca");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(Arrays.asList(which("redis-server"), "--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", "server.pem", "--tls-key-file", "server.key", "--tls-ca-cert-file", "ca.pem",
                "--tls-auth-clients", clientAuth ? "yes" : "no", "--bind", "127.0.0.1", "127.0.0.2", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        TlsRedisServer server = new TlsRedisServer(dir, port, p);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("TLS redis-server did not listen on " + port);
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** {@code rediss://127.0.0.1:port} (the certificate names 127.0.0.1 and localhost). */
    public String url() {
        return "rediss://127.0.0.1:" + port;
    }

    /** The same server under a name its certificate does not carry: host-name verification must refuse it. */
    public String urlWithWrongHostName() {
        return "rediss://127.0.0.2:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
