import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load against the sample api-server: each client creates an echo job ({@code POST /jobs})
 * and reads it back ({@code GET /jobs/{id}}), then starts over at once. Latencies of the warm-up are
 * not kept ({@code total} counts every answered request, warm-up included). Prints one line of {@code key=value} pairs for scripts/bench.sh.
 *
 * <pre>java LoadGenerator http://127.0.0.1:PORT MEASURE_SECONDS CLIENTS WARMUP_SECONDS</pre>
 */
public final class LoadGenerator {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        if (!"127.0.0.1".equals(base.getHost())) throw new IllegalArgumentException("load goes to 127.0.0.1 only: " + base);
        long measureNanos = Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        int clients = Integer.parseInt(args[2]);
        long warmupNanos = Duration.ofSeconds(Long.parseLong(args[3])).toNanos();

        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        AtomicLong errors = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client c = new Client(base, i, measureFrom, end, errors, answered);
            all.add(c);
            c.start();
        }
        for (Client c : all) c.join();

        long[] latencies = merge(all);
        Arrays.sort(latencies);
        double seconds = measureNanos / 1e9;
        System.out.printf(java.util.Locale.ROOT,
                "requests=%d seconds=%.1f throughput=%.1f p50_us=%d p99_us=%d max_us=%d errors=%d clients=%d total=%d%n",
                latencies.length, seconds, latencies.length / seconds,
                percentile(latencies, 0.50) / 1000, percentile(latencies, 0.99) / 1000,
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000, errors.get(), clients, answered.get());
    }

    private static long[] merge(List<Client> all) {
        int n = 0;
        for (Client c : all) n += c.count;
        long[] out = new long[n];
        int at = 0;
        for (Client c : all) {
            System.arraycopy(c.latencies, 0, out, at, c.count);
            at += c.count;
        }
        return out;
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** One closed-loop client: the next request starts when the previous answered. */
    private static final class Client extends Thread {
        private final URI base;
        private final long measureFrom;
        private final long end;
        private final AtomicLong errors;
        private final AtomicLong answered;
        long[] latencies = new long[1 << 16];
        int count;

        Client(URI base, int n, long measureFrom, long end, AtomicLong errors, AtomicLong answered) {
            super("load-" + n);
            this.base = base;
            this.measureFrom = measureFrom;
            this.end = end;
            this.errors = errors;
            this.answered = answered;
        }

        @Override
        public void run() {
            long seq = 0;
            while (System.nanoTime() < end) {
                try {
                    String body = "{\"type\":\"echo\",\"payload\":{\"client\":\"" + getName() + "\",\"seq\":" + (seq++) + "}}";
                    HttpRequest post = HttpRequest.newBuilder(base.resolve("/jobs"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    HttpResponse<String> created = timed(post, 201);
                    if (created == null) continue;
                    String location = created.headers().firstValue("Location").orElse(null);
                    if (location == null) {
                        errors.incrementAndGet();
                        continue;
                    }
                    timed(HttpRequest.newBuilder(base.resolve(location)).timeout(Duration.ofSeconds(5)).GET().build(), 200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Sends one request; keeps its latency when it answered as expected inside the measured window. */
        private HttpResponse<String> timed(HttpRequest request, int expected) throws InterruptedException {
            long t0 = System.nanoTime();
            HttpResponse<String> r;
            try {
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                errors.incrementAndGet();
                return null;
            }
            long t1 = System.nanoTime();
            if (r.statusCode() != expected) {
                errors.incrementAndGet();
                return null;
            }
            answered.incrementAndGet();
            if (t0 >= measureFrom && t1 <= end) record(t1 - t0);
            return r;
        }

        private void record(long nanos) {
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = nanos;
        }
    }
}
