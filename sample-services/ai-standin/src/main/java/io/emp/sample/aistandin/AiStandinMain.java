package io.emp.sample.aistandin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.emp.sample.jobs.JobJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for a hosted AI completion service, so the sample's {@code llm} connector has
 * something real to call over HTTP: {@code POST /v1/completions} with {@code {"model", "prompt"}}
 * answers a completion-shaped JSON. It reports the {@code traceparent} header each request arrived
 * with, in its answer ({@code receivedTraceparent}) and on stdout, so a demo or a test can see the
 * caller's trace reach it. A prompt containing {@code "[503]"} answers 503, like an overloaded
 * service. No telemetry code.
 * <p>
 * Environment: {@code AI_STANDIN_HOST} (127.0.0.1), {@code AI_STANDIN_PORT} (8090; 0 picks a free one).
 */
public final class AiStandinMain {
    private static final AtomicLong IDS = new AtomicLong();

    private AiStandinMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = env("AI_STANDIN_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("AI_STANDIN_PORT", "8090"));
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/v1/completions", AiStandinMain::complete);
        server.createContext("/health", exchange -> answer(exchange, 200, Map.of("status", "ok")));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("ai-standin listening on http://" + host + ":" + server.getAddress().getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.out.println("ai-standin stopped");
            stopped.countDown();
        }, "ai-standin-stop"));
        stopped.await();
    }

    private static void complete(HttpExchange exchange) throws IOException {
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, Map.of("error", "POST only"));
            return;
        }
        Map<String, Object> request;
        try (InputStream body = exchange.getRequestBody()) {
            request = JobJson.readObject(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } catch (RuntimeException bad) {
            answer(exchange, 400, Map.of("error", "body must be a JSON object"));
            return;
        }
        String prompt = String.valueOf(request.getOrDefault("prompt", ""));
        String model = String.valueOf(request.getOrDefault("model", "standin-1"));
        System.out.println("ai-standin " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                + " traceparent=" + traceparent);
        if (prompt.contains("[503]")) {
            answer(exchange, 503, Map.of("error", "model overloaded", "receivedTraceparent", String.valueOf(traceparent)));
            return;
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("text", "A stand-in answer to: " + prompt);
        choice.put("finish_reason", "stop");
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("id", "cmpl-" + IDS.incrementAndGet());
        completion.put("object", "text_completion");
        completion.put("model", model);
        completion.put("choices", List.of(choice));
        completion.put("usage", Map.of("prompt_tokens", prompt.split("\\s+").length, "completion_tokens", 8));
        completion.put("receivedTraceparent", traceparent);
        answer(exchange, 200, completion);
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JobJson.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
