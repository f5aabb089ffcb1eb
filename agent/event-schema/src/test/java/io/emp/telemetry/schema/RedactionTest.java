package io.emp.telemetry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13, secrets: one list, applied to names, nested maps, URLs and exception text. */
class RedactionTest {
    private static final Redaction R = Redaction.defaults();

    @Test
    void theListHoldsEverythingTheSchemaDocumentsIncludingPasswdAndCredential() {
        for (String name : Arrays.asList("password", "passwd", "secret", "token", "authorization", "apiKey", "api_key",
                "X-Api-Key", "cookie", "credential", "db.password", "AWS_SECRET_ACCESS_KEY", "authToken",
                "userCredentials", "Set-Cookie")) {
            assertTrue(R.isSensitive(name), name);
        }
        for (String name : Arrays.asList("model", "steps", "user", "jobId", "durationMs", "redis.function.key_count")) {
            assertFalse(R.isSensitive(name), name);
        }
    }

    @Test
    void configuredKeysAreAddedToTheDefaults() {
        Redaction extended = R.withKeys(Arrays.asList("ssn", "iban"));
        assertTrue(extended.isSensitive("customer_ssn"));
        assertTrue(extended.isSensitive("IBAN"));
        assertTrue(extended.isSensitive("passwd"));
        assertFalse(R.isSensitive("customer_ssn"));
    }

    @Test
    void nestedMapsAreMaskedAtEveryDepthAlsoInsideLists() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("user", "ada");
        inner.put("password", "hunter2");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("request", inner);
        request.put("items", Collections.singletonList(Collections.singletonMap("apiKey", "k-123")));
        String rendered = String.valueOf(R.nested(request));
        assertEquals("{request={user=ada, password=[REDACTED]}, items=[{apiKey=[REDACTED]}]}", rendered);
        assertFalse(rendered.contains("hunter2"));
        assertEquals("hunter2", inner.get("password"), "the caller's map is not changed");
    }

    @Test
    void urlCredentialsAreMasked() {
        assertEquals("connect to redis://:[REDACTED]@cache:6379/0 failed",
                R.text("connect to redis://:s3cret@cache:6379/0 failed"));
        assertEquals("GET https://ada:[REDACTED]@api.example.com/x?q=1",
                R.text("GET https://ada:pw0rd@api.example.com/x?q=1"));
        assertEquals("redis://[REDACTED]@host", R.text("redis://onlypassword@host"));
        assertEquals("see https://example.com/a@b and mail ada@example.com",
                R.text("see https://example.com/a@b and mail ada@example.com"));
    }

    @Test
    void keyValueSecretsInFreeTextAreMasked() {
        assertEquals("login failed: user=ada password=[REDACTED] retry=3",
                R.text("login failed: user=ada password=hunter2 retry=3"));
        assertEquals("db_password: [REDACTED]\nhost: db", R.text("db_password: hunter2\nhost: db"));
        assertEquals("{\"user\":\"ada\",\"password\":\"[REDACTED]\"}", R.text("{\"user\":\"ada\",\"password\":\"hunter2\"}"));
        assertEquals("{\"token\": \"[REDACTED]\"}", R.text("{\"token\": \"a b c\"}"));
        assertEquals("Authorization: Bearer [REDACTED]", R.text("Authorization: Bearer eyJhbGciOi"));
        assertEquals("GET /x?access_token=[REDACTED]&page=2", R.text("GET /x?access_token=abc123&page=2"));
        assertEquals("passwd='[REDACTED]'", R.text("passwd='p w'"));
        assertEquals("failed (password=[REDACTED])", R.text("failed (password=hunter2)"));
    }

    @Test
    void stackFramesAndPortsAreLeftAlone() {
        String frame = "\tat com.acme.TokenService.login(TokenService.java:42)";
        assertEquals(frame, R.text(frame));
        assertEquals("token-cache:6379", R.text("token-cache:6379"));
    }

    @Test
    void redactionIsIdempotent() {
        String once = R.text("password=hunter2 redis://:x@h {\"secret\":\"y\"}");
        assertEquals(once, R.text(once));
    }

    @Test
    void exceptionTextIsRedactedWhereItEntersEveryEvent() {
        Exception cause = new IllegalArgumentException("redis://:hunter2@db:6379 refused");
        Exception thrown = new IllegalStateException("login failed: password=hunter2", cause);
        StackTraceElement[] shortStack = {new StackTraceElement("com.acme.Db", "connect", "Db.java", 12)};
        cause.setStackTrace(shortStack);
        thrown.setStackTrace(shortStack);
        TelemetryEvent e = TelemetryEvent.builder("x.failed").error(thrown).build();
        assertEquals("login failed: password=[REDACTED]", e.errorMessage());
        assertFalse(e.errorStack().contains("hunter2"), e.errorStack());
        assertTrue(e.errorStack().contains("redis://:[REDACTED]@db:6379"), e.errorStack());
        TelemetryEvent direct = TelemetryEvent.builder("x.failed").errorType("X").errorMessage("token=abc")
                .errorStack("X: token=abc\n\tat A.b(A.java:1)").build();
        assertEquals("token=[REDACTED]", direct.errorMessage());
        assertFalse(direct.errorStack().contains("abc"));
    }

    @Test
    void attributesOfSensitiveNamesAndUrlCredentialsAreMaskedInTheBuilder() {
        TelemetryEvent e = TelemetryEvent.builder("x.y").attribute("apiKey", "k-1")
                .attribute("url.full", "https://ada:pw@h/x").attribute("model", "sdxl").build();
        assertEquals(Redaction.MASK, e.data().get("apiKey"));
        assertEquals("https://ada:[REDACTED]@h/x", e.data().get("url.full"));
        assertEquals("sdxl", e.data().get("model"));
    }

    @Test
    void hugeTextIsScannedInLinearTime() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.append('a');
        }
        String run = sb.toString();
        List<String> inputs = Arrays.asList(run + "://", run + "=", "password=" + run, run.replace('a', ':'));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String s : inputs) {
                R.text(s);
            }
        });
    }
}
