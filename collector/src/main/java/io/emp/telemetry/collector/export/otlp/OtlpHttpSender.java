package io.emp.telemetry.collector.export.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.opentelemetry.exporter.internal.marshal.Marshaler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * POSTs one OTLP/HTTP protobuf request and reads the whole answer, which the SDK's exporter hides:
 * a retryable status hands its Retry-After to the collector's back-off, and a 2xx with
 * {@code partial_success} is reported to {@link Rejections} and not retried (OTLP spec). One
 * attempt per call: retrying is the collector's job, so that it can keep the entries pending.
 *
 * <p>The JDK's {@link HttpURLConnection} (HTTP/1.1 with keep-alive, on the calling thread), not
 * {@code java.net.http}: the collector sends one request at a time per signal, and {@code java.net.http}
 * alone costs about 1 300 more classes, 15 MiB more resident memory and two threads of its own
 * (docs/collector.md, "Footprint"). HTTPS uses the JDK's default trust store and host name check.
 */
final class OtlpHttpSender {
    /** The statuses OTLP/HTTP calls retryable; every other failure status is permanent. */
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    private static final int MAX_ERROR_TEXT = 200;
    /** Most of an error body read for its message; the rest is skipped so the connection can be reused. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OtlpSignal signal;
    private final OtlpHttpSettings settings;
    private final Rejections rejections;
    private final Clock clock;

    OtlpHttpSender(OtlpSignal signal, OtlpHttpSettings settings, Rejections rejections, Clock clock) {
        this.signal = signal;
        this.settings = settings;
        this.rejections = rejections;
        this.clock = clock;
    }

    ExportOutcome send(Marshaler request) {
        byte[] body;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(request.getBinarySerializedSize());
            request.writeBinaryTo(bytes);
            body = bytes.toByteArray();
        } catch (IOException e) {
            return ExportOutcome.failed("OTLP " + signal.dataType + ": cannot encode: " + e.getMessage());
        }
        return send(body);
    }

    /** Sends one request already encoded in protobuf (e.g. {@link LogsProtobuf}). */
    ExportOutcome send(byte[] protobuf) {
        String what = "OTLP " + signal.dataType;
        Response response;
        try {
            response = exchange(settings.gzip() ? gzip(protobuf) : protobuf);
        } catch (SocketTimeoutException e) {
            return ExportOutcome.failed(what + ": no answer within " + settings.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return ExportOutcome.failed(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int status = response.status;
        if (status >= 200 && status < 300) {
            PartialSuccess partial = PartialSuccess.parse(signal, response.body);
            if (!partial.isEmpty()) rejections.record(signal, partial);
            return ExportOutcome.ok();
        }
        String error = what + ": HTTP " + status + errorText(response);
        if (RETRYABLE.contains(status)) {
            return ExportOutcome.failed(error, RetryAfter.parse(response.retryAfter, clock));
        }
        return ExportOutcome.failed(error + " (not retryable per OTLP)");
    }

    /** What the collector needs of an answer: the body is read whole, so the connection goes back to the pool. */
    private record Response(int status, byte[] body, String contentType, String retryAfter) {
    }

    /**
     * One immediate second try when the connection fails before an answer: a pooled keep-alive connection
     * the server has already closed fails the first write or read, and a streamed POST is not retried by the JDK.
     * A timeout is not retried here: the server may be working on the first request.
     */
    private Response exchange(byte[] body) throws IOException {
        try {
            return post(body);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException staleConnection) {
            return post(body);
        }
    }

    private Response post(byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) settings.endpoint().toURL().openConnection();
        try {
            int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.timeout().toMillis()));
            c.setConnectTimeout(timeout);
            c.setReadTimeout(timeout);
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setFixedLengthStreamingMode(body.length);
            c.setRequestProperty("Content-Type", "application/x-protobuf");
            c.setRequestProperty("User-Agent", "emp-collector");
            settings.headers().forEach(c::setRequestProperty);
            if (settings.gzip()) c.setRequestProperty("Content-Encoding", "gzip");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            byte[] answer;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                answer = in == null ? new byte[0] : readBody(in, status >= 400 ? MAX_ERROR_BODY : Integer.MAX_VALUE);
            }
            return new Response(status, answer, c.getContentType(), c.getHeaderField("Retry-After"));
        } catch (IOException e) {
            c.disconnect(); // a half-used connection must not go back to the keep-alive pool
            throw e;
        }
    }

    private static byte[] readBody(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit);
        in.transferTo(OutputStream.nullOutputStream());
        return body;
    }

    private static byte[] gzip(byte[] protobuf) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(protobuf.length / 2 + 64);
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(protobuf);
        }
        return bytes.toByteArray();
    }

    /** The message of the google.rpc.Status an OTLP server sends with a failure, else the start of a text body. */
    private static String errorText(Response response) {
        byte[] body = response.body;
        if (body == null || body.length == 0) return "";
        String type = response.contentType == null ? "" : response.contentType;
        String text;
        if (type.startsWith("application/x-protobuf")) {
            try {
                var message = UnknownFieldSet.parseFrom(body).getField(2).getLengthDelimitedList(); // Status.message
                if (message.isEmpty()) return "";
                text = message.get(0).toStringUtf8();
            } catch (InvalidProtocolBufferException e) {
                return "";
            }
        } else if (type.startsWith("text/") || type.contains("json")) {
            text = new String(body, StandardCharsets.UTF_8);
        } else {
            return "";
        }
        text = text.replaceAll("\\p{Cntrl}", " ").strip();
        return text.isEmpty() ? "" : ": " + (text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text);
    }
}
