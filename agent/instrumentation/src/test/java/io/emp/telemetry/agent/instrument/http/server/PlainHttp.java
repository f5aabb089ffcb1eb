package io.emp.telemetry.agent.instrument.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 requests written on a plain socket, which the agent does not instrument: the server
 * sees exactly the headers the test sets (the instrumented clients, {@code java.net.http} and
 * {@code HttpURLConnection}, would add a traceparent of their own).
 */
public final class PlainHttp {
    private static final String BODY = "{\"secret\":\"body\"}";

    private PlainHttp() {
    }

    public static int request(String method, String url, String traceparent) throws IOException {
        URI uri = URI.create(url);
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) target += "?" + uri.getRawQuery();
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        if (traceparent != null) head.append("traceparent: ").append(traceparent).append("\r\n");
        byte[] body = method.equals("POST") ? BODY.getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (method.equals("POST")) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            // "HTTP/1.1 200 OK": the server closes after the response (Connection: close)
            if (!response.startsWith("HTTP/")) throw new IOException("no response: the server closed the connection");
            int sp = response.indexOf(' ');
            return Integer.parseInt(response.substring(sp + 1, sp + 4));
        }
    }
}
