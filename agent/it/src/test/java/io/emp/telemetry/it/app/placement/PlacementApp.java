package io.emp.telemetry.it.app.placement;

import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.api.Telemetry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every trace placement case in one run (docs/architecture.md, "Trace placement"):
 * <ol>
 *   <li>POST /jobs with an incoming traceparent: an FCALL of the request itself, then
 *       {@code createJob} (job id on return) with an FCALL inside, then a facade job event;</li>
 *   <li>a worker: {@code claimNext} (job id on return, FCALL inside), {@code process(job)} (job id
 *       on entry: FCALL, facade event, nested step, a nested {@code createJob} of a child job), and
 *       {@code completeJob(job)} (job id on entry, FCALL inside);</li>
 *   <li>a facade call outside any span.</li>
 * </ol>
 * Arguments: a tag for unique job ids, the Redis URI.
 */
public final class PlacementApp {
    static final String FUNCTION = "emp_place";
    private static final String LIBRARY = "#!lua name=empplace\n"
            + "redis.register_function('" + FUNCTION + "', function(keys, args) return {ok='OK'} end)";
    /** The incoming request's context, as an upstream service would send it. */
    public static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private PlacementApp() {
    }

    public static void main(String[] args) throws Exception {
        String tag = args[0];
        RedisClient client = RedisClient.create(args[1]);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.functionLoad(LIBRARY, true);
            PlacementJobService jobs = new PlacementJobService(redis);
            PlacementWorker worker = new PlacementWorker(redis);

            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jobs", exchange -> {
                redis.fcall(FUNCTION, ScriptOutputType.STATUS, "rate-limit");
                PlacementJob job = jobs.createJob("job-" + tag + "-http", "image.resize");
                Telemetry.jobEvent(job.getId(), "placement.accepted", Map.of("via", "http"));
                worker.offer(job);
                byte[] body = job.getId().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(201, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jobs"))
                        .header("traceparent", TRACEPARENT)
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                System.out.println("created " + response.body());
            } finally {
                server.stop(0);
            }

            PlacementJob claimed = worker.claimNext();
            worker.process(claimed, jobs);
            Telemetry.jobEvent("job-" + tag + "-facade", "placement.standalone", Map.of());
        } finally {
            client.shutdown();
        }
        System.out.println("PLACEMENT-APP-DONE");
    }
}
