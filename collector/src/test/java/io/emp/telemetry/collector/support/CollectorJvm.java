package io.emp.telemetry.collector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged collector ({@code target/emp-collector.jar}, built by {@code package}) in a JVM of its own. */
public final class CollectorJvm implements AutoCloseable {
    public static final Path JAR = Path.of("target/emp-collector.jar");

    private final Process process;
    private final Path log;
    public final int healthPort;

    public CollectorJvm(String heap, Map<String, String> env, Path log) throws IOException {
        if (!Files.isRegularFile(JAR)) throw new IllegalStateException(JAR + " missing: run `mvn package` (failsafe runs after it)");
        this.healthPort = freePort();
        this.log = log;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", JAR.toString(), "run"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().put("EMP_COLLECTOR_HEALTH_PORT", Integer.toString(healthPort));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        process = pb.start();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** HTTP status and JSON of /health, or status -1 while it does not answer. */
    public Health health() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + healthPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            return new Health(r.statusCode(), new ObjectMapper().readTree(r.body()));
        } catch (IOException | InterruptedException e) {
            return new Health(-1, null);
        }
    }

    public record Health(int status, JsonNode json) {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
