package io.emp.telemetry.agent.instrument.http.server;

/** Event types of incoming HTTP requests (names follow {@code entity.action}). */
public final class ServerEvents {
    /** One per request, when it completes: method, path, route, status, duration. */
    public static final String REQUEST = "http.server.request";
    /** To the errors stream: the request threw or answered 5xx. */
    public static final String ERROR = "api.error";
    /** A request the server turned away with a 4xx: {@link #REASON} says why (to {@code emp:events}, not an error). */
    public static final String REJECTED = "api.request_rejected";
    /** A request to a health path, instead of its {@link #REQUEST}: {@link #HEALTH_STATUS}, status code, duration. */
    public static final String HEALTH_CHECK = "health_check.performed";

    /** Attribute of {@link #REJECTED}: validation, rate_limited, unauthenticated, forbidden, not_found, ... */
    public static final String REASON = "reason";
    /** Attribute of {@link #HEALTH_CHECK}: {@code healthy} (2xx/3xx) or {@code unhealthy}. */
    public static final String HEALTH_STATUS = "status";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";

    private ServerEvents() {
    }
}
