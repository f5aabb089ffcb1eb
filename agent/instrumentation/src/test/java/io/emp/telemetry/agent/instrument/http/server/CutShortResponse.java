package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The check shared by the servers' tests for a handler that sends its status and part of its body,
 * then throws {@link IllegalStateException}: both events carry the status the client got, not the
 * 500 of a handler that threw before answering.
 */
final class CutShortResponse {
    private CutShortResponse() {
    }

    static void assertRecordedWithStatusSent(RecordingSink events, String method, String url, int statusSent) {
        try {
            PlainHttp.request(method, url, null);
        } catch (IOException expected) {
            // the body ends short of its Content-Length
        }
        TelemetryEvent error = events.await(ServerEvents.ERROR, 1).get(0);
        assertEquals(IllegalStateException.class.getName(), error.errorType());
        assertEquals(statusSent, error.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE), "the status the client got");
        TelemetryEvent request = events.await(ServerEvents.REQUEST, 1).get(0);
        assertEquals(statusSent, request.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(IllegalStateException.class.getName(), request.data().get(Attributes.ERROR_TYPE));
    }
}
