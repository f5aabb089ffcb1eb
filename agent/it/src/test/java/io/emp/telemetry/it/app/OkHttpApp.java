package io.emp.telemetry.it.app;

import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.api.JobId;
import io.emp.telemetry.api.TelemetryEvent;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An application that calls a local HTTP server with whatever OkHttp is on its class path (3.0 to
 * 5.x: only APIs OkHttp 3.0 already had), inside an annotated method so the calls have a parent
 * span. The server prints the path and {@code traceparent} of every request it gets.
 * Args: a tag (job id suffix).
 */
public class OkHttpApp {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            System.out.println("received " + path + " " + exchange.getRequestHeaders().getFirst("traceparent"));
            if (path.equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/final");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(path.equals("/missing") ? 404 : 200, -1);
            }
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        System.out.println("okhttp from " + OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation());
        new OkHttpApp().callAll("job-okhttp-" + args[0], base, closedPort);
        server.stop(0);
        System.out.println("OKHTTP-APP-DONE");
        System.exit(0); // OkHttp's dispatcher and pool threads would keep the JVM up for a minute
    }

    @TelemetryEvent("okhttp.calls")
    public void callAll(@JobId String jobId, String base, int closedPort) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

        Response hello = client.newCall(new Request.Builder().url(base + "/hello?api_key=s3cr3t")
                .header("Accept", "application/json").build()).execute();
        hello.body().close();
        System.out.println("sync status " + hello.code());

        CompletableFuture<Integer> async = new CompletableFuture<>();
        client.newCall(new Request.Builder().url(base + "/missing").build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                async.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.body().close();
                async.complete(response.code());
            }
        });
        System.out.println("async status " + async.get(20, TimeUnit.SECONDS));

        Response moved = client.newCall(new Request.Builder().url(base + "/moved").build()).execute();
        moved.body().close();
        System.out.println("redirected status " + moved.code());

        try {
            client.newCall(new Request.Builder().url("http://127.0.0.1:" + closedPort + "/down").build()).execute();
            System.out.println("refused call succeeded?");
        } catch (IOException expected) {
            System.out.println("refused " + expected.getClass().getName());
        }
        System.out.println("interceptors " + client.interceptors().size() + " " + client.networkInterceptors().size());
    }
}
