package io.emp.telemetry.agent.instrument.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Requests through {@link HttpURLConnection}, which the agent does not instrument: the server
 * sees exactly the headers the test sets (the instrumented {@code java.net.http} client would
 * add a traceparent of its own).
 */
public final class PlainHttp {
    private PlainHttp() {
    }

    public static int request(String method, String url, String traceparent) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod(method);
        if (traceparent != null) c.setRequestProperty("traceparent", traceparent);
        if (method.equals("POST")) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write("{\"secret\":\"body\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) in.readAllBytes();
        }
        c.disconnect();
        return status;
    }
}
