package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the agent must have recorded for the test applications' four calls ({@code app.http}):
 * a GET with a query (200), a POST (404), a redirected GET (200, one call), a refused connection.
 */
final class HttpClientScenario {
    static final String REQUEST = "http.client.request";
    static final String FAILED = "http.client.request_failed";

    private HttpClientScenario() {
    }

    /** {@code refusedType}: the exception class the refused call threw, as the application printed it. */
    static void assertRecorded(JvmRun.Result result, List<TelemetryEvent> events, List<TelemetryEvent> errors) {
        String out = result.stdout;
        Matcher refusal = Pattern.compile("refused ([\\w.$]+)").matcher(out);
        assertTrue(refusal.find(), result::toString);
        String refusedType = refusal.group(1);
        assertTrue(refusedType.endsWith("ConnectException"), result::toString);
        assertTrue(out.contains("get 200 ok"), result::toString);
        assertTrue(out.contains("post 404"), result::toString);
        assertTrue(out.contains("redirect 200"), result::toString);

        List<TelemetryEvent> written = events.stream().filter(e -> e.eventType().equals(REQUEST)).collect(Collectors.toList());
        assertEquals(4, written.size(), () -> "one event per call: " + written + "\n" + result);
        // In the order the application made the calls. An asynchronous client's event is written when its
        // callback ends, which can be after the application, woken by the same completion, made its next call.
        List<TelemetryEvent> calls = new java.util.ArrayList<>();
        for (String path : new String[] {"/models/7", "/missing", "/redirect"}) {
            written.stream().filter(e -> String.valueOf(e.data().get("url.full")).endsWith(path)).findFirst()
                    .ifPresent(calls::add);
        }
        written.stream().filter(e -> !calls.contains(e)).forEach(calls::add);
        assertEquals(4, calls.size(), () -> "one event per call: " + written + "\n" + result);

        TelemetryEvent get = calls.get(0);
        String url = (String) get.data().get("url.full");
        assertTrue(url.startsWith("http://127.0.0.1:") && url.endsWith("/models/7"), "no query in url.full: " + url);
        String base = url.substring(0, url.length() - "/models/7".length());
        assertEquals("GET", get.data().get("http.request.method"));
        assertEquals(200, number(get, "http.response.status_code"));
        assertEquals("127.0.0.1", get.data().get("server.address"));
        assertEquals(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), number(get, "server.port"));
        assertNull(get.data().get("error.type"));
        assertTrue(out.contains("received /models/7 " + traceparent(get)), () -> "the request carried the call's span\n" + result);

        TelemetryEvent post = calls.get(1);
        assertEquals("POST", post.data().get("http.request.method"));
        assertEquals(base + "/missing", post.data().get("url.full"));
        assertEquals(404, number(post, "http.response.status_code"));
        assertEquals("404", post.data().get("error.type"));
        assertTrue(out.contains("received /missing " + traceparent(post)), result::toString);

        TelemetryEvent redirected = calls.get(2);
        assertEquals(base + "/redirect", redirected.data().get("url.full"));
        assertEquals(200, number(redirected, "http.response.status_code"));
        assertTrue(out.contains("received /redirect " + traceparent(redirected)), result::toString);
        assertTrue(out.contains("received /landed " + traceparent(redirected)), "the redirect kept the header\n" + result);

        TelemetryEvent refused = calls.get(3);
        assertNull(refused.data().get("http.response.status_code"));
        assertEquals(refusedType, refused.data().get("error.type"));

        List<TelemetryEvent> failed = errors.stream().filter(e -> e.eventType().equals(FAILED)).collect(Collectors.toList());
        assertEquals(1, failed.size(), () -> "only the refused call failed: " + errors);
        assertEquals(refusedType, failed.get(0).errorType());
        assertEquals(refused.spanId(), failed.get(0).spanId());

        assertFalse(result.stderr.contains("[emp-telemetry] WARN"), result::toString);
    }

    private static String traceparent(TelemetryEvent e) {
        return "00-" + e.traceId() + "-" + e.spanId() + "-01";
    }

    private static int number(TelemetryEvent e, String key) {
        return ((Number) e.data().get(key)).intValue();
    }
}
