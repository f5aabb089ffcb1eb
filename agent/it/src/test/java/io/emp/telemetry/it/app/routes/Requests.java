package io.emp.telemetry.it.app.routes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The route apps' client: GETs each path in turn and prints the status it got. */
final class Requests {
    static final String[] OWNER_PATHS = {"/owners/1", "/owners/2", "/owners/3/fail"};

    private Requests() {
    }

    static void get(String base, String... paths) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : paths) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("GET " + path + " -> " + response.statusCode());
        }
    }
}
