package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;
import io.emp.telemetry.collector.reactions.template.ValueTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code webhook: {url, method, headers, body, secret, signatureHeader, timeout}}: an HTTP call with a JSON body.
 * With a secret, {@code signatureHeader} carries {@code sha256=<hex HMAC-SHA256 of the body>} (GitHub's format).
 * Every request carries {@code Idempotency-Key}; any 2xx is success, anything else is retried.
 */
public record WebhookAction(Template url, String method, Map<String, Template> headers, ValueTemplate body,
                            byte[] secret, String signatureHeader, Duration timeout) implements Planner {
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    @Override
    public Step plan(EventContext ctx) throws Template.MissingValue {
        URI uri = URI.create(url.render(ctx));
        byte[] payload = body == null ? new byte[0] : Json.write(body.render(ctx)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        for (Map.Entry<String, Template> e : headers.entrySet()) h.put(e.getKey(), e.getValue().render(ctx));
        if (secret != null) h.put(signatureHeader, "sha256=" + hmac(secret, payload));
        return new Step() {
            @Override
            public String describe() {
                // The signature and header values may be secrets: only their names are shown.
                return method + " " + redacted(uri) + " headers " + h.keySet() + " body "
                        + new String(payload, StandardCharsets.UTF_8);
            }

            @Override
            public boolean run(ActionRuntime runtime, String marker) throws Exception {
                if (runtime.idempotency().done(marker)) return false;
                HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout)
                        .header("Content-Type", "application/json").header(IDEMPOTENCY_HEADER, marker)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
                h.forEach(req::header);
                HttpResponse<Void> resp = runtime.http().send(req.build(), HttpResponse.BodyHandlers.discarding());
                if (resp.statusCode() / 100 != 2) {
                    throw new IllegalStateException("webhook " + redacted(uri) + " answered HTTP " + resp.statusCode());
                }
                runtime.idempotency().record(marker);
                return true;
            }
        };
    }

    static String hmac(byte[] secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** scheme://host:port/path: never the query (tokens live there) or user info. */
    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
