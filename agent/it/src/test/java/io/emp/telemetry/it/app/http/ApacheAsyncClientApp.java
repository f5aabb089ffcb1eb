package io.emp.telemetry.it.app.http;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequests;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link ApacheClientApp}'s four calls through the async client: a GET with a query, a POST
 * answered 404, a GET that is redirected, and a GET to a closed port.
 */
public final class ApacheAsyncClientApp {
    private ApacheAsyncClientApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("library=" + CloseableHttpAsyncClient.class.getProtectionDomain().getCodeSource().getLocation());
        try (LocalServer server = new LocalServer(); CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            client.start();
            SimpleHttpResponse get = client.execute(SimpleHttpRequests.get(server.base() + "/models/7?key=s3cr3t"), null)
                    .get(10, TimeUnit.SECONDS);
            System.out.println("get " + get.getCode() + " " + get.getBodyText());
            SimpleHttpResponse post = client.execute(SimpleHttpRequests.post(server.base() + "/missing"), null)
                    .get(10, TimeUnit.SECONDS);
            System.out.println("post " + post.getCode());
            SimpleHttpResponse redirect = client.execute(SimpleHttpRequests.get(server.base() + "/redirect"), null)
                    .get(10, TimeUnit.SECONDS);
            System.out.println("redirect " + redirect.getCode() + " " + redirect.getBodyText());
            try {
                client.execute(SimpleHttpRequests.get("http://127.0.0.1:" + LocalServer.closedPort() + "/"), null)
                        .get(10, TimeUnit.SECONDS);
                System.out.println("refused?!");
            } catch (ExecutionException expected) {
                System.out.println("refused " + expected.getCause().getClass().getName());
            }
        }
        System.out.println("APACHE-APP-DONE");
    }
}
