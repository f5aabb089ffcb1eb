package io.emp.telemetry.it.app.http;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import java.io.IOException;

/**
 * An application calling its local server with whatever Apache HttpClient 5 is on its class path:
 * a GET with a query, a POST answered 404, a GET that is redirected, and a GET to a closed port.
 */
public final class ApacheClientApp {
    private ApacheClientApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("library=" + CloseableHttpClient.class.getProtectionDomain().getCodeSource().getLocation());
        try (LocalServer server = new LocalServer(); CloseableHttpClient client = HttpClients.createDefault()) {
            try (CloseableHttpResponse r = client.execute(new HttpGet(server.base() + "/models/7?key=s3cr3t"))) {
                System.out.println("get " + r.getCode() + " " + EntityUtils.toString(r.getEntity()));
            }
            HttpPost post = new HttpPost(server.base() + "/missing");
            post.setEntity(new StringEntity("{}"));
            try (CloseableHttpResponse r = client.execute(post)) {
                System.out.println("post " + r.getCode());
            }
            try (CloseableHttpResponse r = client.execute(new HttpGet(server.base() + "/redirect"))) {
                System.out.println("redirect " + r.getCode() + " " + EntityUtils.toString(r.getEntity()));
            }
            try (CloseableHttpResponse r = client.execute(new HttpGet("http://127.0.0.1:" + LocalServer.closedPort() + "/"))) {
                System.out.println("refused?! " + r.getCode());
            } catch (IOException expected) {
                System.out.println("refused " + expected.getClass().getName());
            }
        }
        System.out.println("APACHE-APP-DONE");
    }
}
