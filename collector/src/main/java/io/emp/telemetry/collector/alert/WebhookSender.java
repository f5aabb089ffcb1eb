package io.emp.telemetry.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * POSTs alerts as JSON on a thread of its own (never blocking consumption), retrying 5xx, 429 and
 * network errors with back-off; a full queue drops the alert and counts it.
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int ATTEMPTS = 4;

    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final long firstBackoffMillis;

    public WebhookSender(URI uri, long firstBackoffMillis) {
        this.uri = uri;
        this.firstBackoffMillis = firstBackoffMillis;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "emp-collector-webhook");
            t.setDaemon(true);
            return t;
        }, (r, ex) -> dropped.incrementAndGet());
    }

    public void send(Alert alert) {
        executor.execute(() -> {
            try {
                post(alert);
            } catch (RuntimeException e) {
                // Never let one alert end the webhook thread: count it and say why (never the URL: it may hold a token).
                dropped.incrementAndGet();
                LOG.warning("alert " + alert.type() + " not delivered to the webhook (" + e.getClass().getSimpleName()
                        + "; counted as dropped)");
            }
        });
    }

    private void post(Alert alert) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(alert.fields());
        } catch (JsonProcessingException e) {
            dropped.incrementAndGet();
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long backoff = firstBackoffMillis;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String problem;
            try {
                HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
                int code = resp.statusCode();
                if (code >= 200 && code < 300) {
                    delivered.incrementAndGet();
                    return;
                }
                problem = "HTTP " + code;
                if (code < 500 && code != 429 && code != 408) break;
            } catch (java.io.IOException e) {
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LOG.warning("alert webhook attempt " + attempt + " failed: " + problem);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff *= 2;
        }
        dropped.incrementAndGet();
        LOG.warning("alert " + alert.type() + " not delivered to the webhook after retries (counted as dropped)");
    }

    public long dropped() {
        return dropped.get();
    }

    public long delivered() {
        return delivered.get();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
