package io.emp.telemetry.agent.instrument.http.server;

/** Event types of incoming HTTP requests (names follow {@code entity.action}). */
public final class ServerEvents {
    /** One per request, when it completes: method, path, route, status, duration. */
    public static final String REQUEST = "http.server.request";
    /** To the errors stream: the request threw or answered 5xx. */
    public static final String ERROR = "api.error";

    private ServerEvents() {
    }
}
