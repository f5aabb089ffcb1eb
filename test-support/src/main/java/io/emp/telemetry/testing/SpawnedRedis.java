package io.emp.telemetry.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A {@code redis-server} child process on a free loopback port, in its own temp dir. */
final class SpawnedRedis extends RedisBackend {
    private final RedisServerOptions options;
    private Path dir;
    private int port;
    private Process process;

    SpawnedRedis(RedisServerOptions options) {
        this.options = options;
    }

    @Override
    void start() throws IOException {
        dir = Files.createTempDirectory("emp-redis-");
        port = freePort();
        startServer(Duration.ofSeconds(20));
    }

    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (p != 6379) return p;
            }
        }
    }

    static String binary() {
        String bin = System.getenv("REDIS_SERVER_BIN");
        if (bin != null && !bin.isEmpty()) return bin;
        for (String candidate : new String[]{"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(candidate).canExecute()) return candidate;
        }
        return "redis-server";
    }

    @Override
    void startServer(Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning",
                "--logfile", dir.resolve("redis.log").toString()));
        if (options.password() != null) {
            cmd.add("--requirepass");
            cmd.add(options.password());
        }
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (install it, or set REDIS_URL or "
                    + "REDIS_SERVER_BIN): " + e.getMessage(), e);
        }
        try {
            awaitPing(timeout);
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            throw new IllegalStateException(e.getMessage() + "; log: " + readLog(), e);
        }
    }

    private String readLog() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    void stopServer() {
        Process p = process;
        if (p == null) return;
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    int port() {
        return port;
    }

    @Override
    String kind() {
        return "spawn";
    }

    @Override
    String password() {
        return options.password();
    }

    @Override
    public void close() {
        stopServer();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temp dir is harmless.
            }
        }
    }
}
