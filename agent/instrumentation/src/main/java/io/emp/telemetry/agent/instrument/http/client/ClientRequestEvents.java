package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

/**
 * The events of one finished outgoing HTTP request, whichever client sent it (the JDK's, OkHttp):
 * one {@code http.client.request}, plus {@code http.client.request_failed} on the errors stream
 * when there was no response at all. One definition of their names and attributes.
 */
public final class ClientRequestEvents {
    public static final String REQUEST_EVENT = "http.client.request";
    public static final String FAILED_EVENT = "http.client.request_failed";

    private ClientRequestEvents() {
    }

    /**
     * @param url    already without user info, query and fragment ({@link TracedRequests#urlWithoutQuery})
     * @param port   {@code null} when unknown
     * @param status the response status, -1 when there was none
     * @param error  why there was no response, or {@code null}
     */
    public static void emit(AgentRuntime runtime, Span span, String method, String url, String host, Integer port,
                            int status, Throwable error) {
        String errorType = error != null ? error.getClass().getName() : status >= 400 ? Integer.toString(status) : null;
        runtime.emit(span, describe(runtime.endEvent(REQUEST_EVENT, span), method, url, host, port)
                .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, status > 0 ? status : null)
                .attribute(Attributes.ERROR_TYPE, errorType));
        if (error != null) {
            runtime.emit(span, describe(runtime.endEvent(FAILED_EVENT, span), method, url, host, port)
                    .attribute(Attributes.ERROR_TYPE, errorType)
                    .error(error));
        }
    }

    private static TelemetryEvent.Builder describe(TelemetryEvent.Builder event, String method, String url,
                                                   String host, Integer port) {
        return event.attribute(Attributes.HTTP_REQUEST_METHOD, method)
                .attribute(Attributes.URL_FULL, url)
                .attribute(Attributes.SERVER_ADDRESS, host)
                .attribute(Attributes.SERVER_PORT, port);
    }
}
