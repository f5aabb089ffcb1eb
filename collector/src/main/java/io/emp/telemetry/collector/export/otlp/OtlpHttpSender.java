package io.emp.telemetry.collector.export.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.opentelemetry.exporter.internal.marshal.Marshaler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * POSTs one OTLP/HTTP protobuf request and reads the whole answer, which the SDK's exporter hides:
 * a retryable status hands its Retry-After to the collector's back-off, and a 2xx with
 * {@code partial_success} is reported to {@link Rejections} and not retried (OTLP spec). One
 * attempt per call: retrying is the collector's job, so that it can keep the entries pending.
 */
final class OtlpHttpSender {
    /** The statuses OTLP/HTTP calls retryable; every other failure status is permanent. */
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    private static final int MAX_ERROR_TEXT = 200;

    private final OtlpSignal signal;
    private final OtlpHttpSettings settings;
    private final HttpClient client;
    private final Rejections rejections;
    private final Clock clock;

    OtlpHttpSender(OtlpSignal signal, OtlpHttpSettings settings, HttpClient client, Rejections rejections, Clock clock) {
        this.signal = signal;
        this.settings = settings;
        this.client = client;
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
        HttpResponse<byte[]> response;
        try {
            response = exchange(httpRequest(protobuf));
        } catch (HttpTimeoutException e) {
            return ExportOutcome.failed(what + ": no answer within " + settings.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return ExportOutcome.failed(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExportOutcome.failed(what + ": interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            PartialSuccess partial = PartialSuccess.parse(signal, response.body());
            if (!partial.isEmpty()) rejections.record(signal, partial);
            return ExportOutcome.ok();
        }
        String error = what + ": HTTP " + status + errorText(response);
        if (RETRYABLE.contains(status)) {
            return ExportOutcome.failed(error, RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock));
        }
        return ExportOutcome.failed(error + " (not retryable per OTLP)");
    }

    /**
     * One immediate second try when the connection fails before an answer: java.net.http does not
     * retry a POST on a pooled keep-alive connection the server had already closed.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (IOException staleConnection) {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private HttpRequest httpRequest(byte[] protobuf) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.timeout())
                // h2 where TLS negotiates it; no h2c upgrade attempt against plain-HTTP receivers.
                .version("https".equalsIgnoreCase(settings.endpoint().getScheme())
                        ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/x-protobuf")
                .header("User-Agent", "emp-collector");
        settings.headers().forEach(b::header);
        if (settings.gzip()) b.header("Content-Encoding", "gzip");
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(settings.gzip() ? gzip(protobuf) : protobuf)).build();
    }

    private static byte[] gzip(byte[] protobuf) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(protobuf.length / 2 + 64);
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(protobuf);
        }
        return bytes.toByteArray();
    }

    /** The message of the google.rpc.Status an OTLP server sends with a failure, else the start of a text body. */
    private static String errorText(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null || body.length == 0) return "";
        String type = response.headers().firstValue("Content-Type").orElse("");
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
