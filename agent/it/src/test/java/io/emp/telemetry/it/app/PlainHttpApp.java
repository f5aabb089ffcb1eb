package io.emp.telemetry.it.app;

import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.api.JobId;
import io.emp.telemetry.api.TelemetryEvent;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An application without OkHttp on its class path: it calls its own server with the JDK's client. Args: a tag. */
public class PlainHttpApp {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("okhttp3.OkHttpClient");
            System.out.println("okhttp present?");
        } catch (ClassNotFoundException expected) {
            System.out.println("okhttp absent");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        int status = new PlainHttpApp().call("job-plain-" + args[0], "http://127.0.0.1:" + server.getAddress().getPort());
        server.stop(0);
        System.out.println("status " + status);
        System.out.println("PLAIN-HTTP-APP-DONE");
    }

    @TelemetryEvent("plain.call")
    public int call(@JobId String jobId, String base) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
