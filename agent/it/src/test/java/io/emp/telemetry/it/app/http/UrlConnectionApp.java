package io.emp.telemetry.it.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * An application calling its local server through {@link HttpURLConnection} (no HTTP library on
 * its class path): a GET with a query, a POST answered 404, a GET that is redirected, and a
 * connection to a closed port.
 */
public final class UrlConnectionApp {
    private UrlConnectionApp() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalServer server = new LocalServer()) {
            HttpURLConnection get = open(server.base() + "/models/7?key=s3cr3t");
            try (InputStream in = get.getInputStream()) {
                System.out.println("get " + get.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            HttpURLConnection post = open(server.base() + "/missing");
            post.setDoOutput(true);
            try (OutputStream out = post.getOutputStream()) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
            System.out.println("post " + post.getResponseCode());
            // Read the body, as the other clients' apps do: the server flushes "ok" only when its
            // handler ends, and closing the server before that fails the handler ("stream is
            // closed"), which the agent rightly records as an api.error.
            HttpURLConnection redirect = open(server.base() + "/redirect");
            try (InputStream in = redirect.getInputStream()) {
                System.out.println("redirect " + redirect.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            try {
                open("http://127.0.0.1:" + LocalServer.closedPort() + "/").connect();
                System.out.println("refused?!");
            } catch (ConnectException expected) {
                System.out.println("refused " + expected.getClass().getName());
            }
        }
        System.out.println("URLCONNECTION-APP-DONE");
    }

    private static HttpURLConnection open(String url) throws IOException {
        return (HttpURLConnection) new URL(url).openConnection();
    }
}
