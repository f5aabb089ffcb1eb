package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.ServerRequestSite;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

/**
 * One incoming HTTP request, whatever the server (servlet containers, the JDK server): the advice
 * passes the request's method, path, route, traceparent and server address and port and, on exit,
 * the response status ({@link ServerRequestSite}). Only the OUTERMOST entry point on a thread becomes a request: a servlet calling
 * another servlet ({@code HttpServlet.service → doGet}, forwards, a framework's dispatcher, a JDK
 * handler delegating to another) is the same request.
 * <p>
 * What one request becomes, by its path and status:
 * <ul>
 *   <li>a health path ({@link HealthPaths}): {@code health_check.performed} instead of {@code http.server.request}.
 *       Probes arrive every few seconds from every load balancer and orchestrator; as requests they would
 *       outnumber the API's real traffic and skew its latency, as their own event type they stay one event per
 *       request (as OpenTelemetry has one server span per request) that dashboards can keep or leave out;</li>
 *   <li>otherwise {@code http.server.request}; a 4xx adds {@code api.request_rejected} with its reason
 *       ({@code emp:events}: the client's mistake or a limit doing its job is not a server error);</li>
 *   <li>an exception or a 5xx (health paths included: an unhealthy service is a failing one) adds
 *       {@code api.error} to {@code emp:errors}.</li>
 * </ul>
 */
final class ServerRequestHandler implements ServerRequestSite {
    private static final ThreadLocal<Request> IN_FLIGHT = new ThreadLocal<>();

    private final AgentRuntime runtime;
    private final HealthPaths healthPaths;

    ServerRequestHandler(AgentRuntime runtime, HealthPaths healthPaths) {
        this.runtime = runtime;
        this.healthPaths = healthPaths;
    }

    /** The request in flight on this thread, or {@code null}: for {@link ServerRouteHandler}. */
    static Request inFlight() {
        return IN_FLIGHT.get();
    }

    /** A nested entry point of a request in flight does nothing (and the advice reads nothing). */
    @Override
    public boolean active() {
        return IN_FLIGHT.get() == null;
    }

    @Override
    public Call enter(Class<?> origin, String method, String path, String route, String traceparent,
                      String serverAddress, int serverPort) {
        if (IN_FLIGHT.get() != null) return null;
        SpanContext remote = TraceParent.parse(traceparent);
        Span span = remote == null ? Spans.open(origin) : Spans.openChildOf(remote);
        Request request = new Request(span, HttpMethods.normalize(method), path, route, serverAddress,
                serverPort > 0 ? serverPort : null);
        IN_FLIGHT.set(request);
        return request;
    }

    final class Request implements Call {
        private final Span span;
        private final String method;
        private final String path;
        private final String route;
        private final String serverAddress;
        private final Integer serverPort;
        /** Set at most once, on this request's thread, by a framework's handler lookup. */
        private HandlerMatch handler;

        Request(Span span, String method, String path, String route, String serverAddress, Integer serverPort) {
            this.span = span;
            this.method = method;
            this.path = path;
            this.route = route;
            this.serverAddress = serverAddress;
            this.serverPort = serverPort;
        }

        /** The route the server itself knows (servlet mapping, JDK context path), or null. */
        String serverRoute() {
            return route;
        }

        boolean hasHandler() {
            return handler != null;
        }

        void matched(HandlerMatch match) {
            if (handler == null) handler = match;
        }

        @Override
        public void end(int responseStatus, Throwable thrown) {
            IN_FLIGHT.remove();
            Spans.close(span);
            // A handler that threw before answering: the server will send a 500. One that threw
            // after sending its status (a body cut short) is recorded with the status sent, as
            // the OpenTelemetry agent does; error.type names the exception either way.
            int status = thrown != null && responseStatus <= 0 ? 500 : responseStatus;
            String errorType = thrown != null ? thrown.getClass().getName()
                    : status >= 500 ? Integer.toString(status) : null;

            boolean health = healthPaths.matches(path);
            TelemetryEvent.Builder event = describe(runtime.endEvent(health ? ServerEvents.HEALTH_CHECK : ServerEvents.REQUEST, span))
                    .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, status > 0 ? status : null)
                    .attribute(Attributes.ERROR_TYPE, errorType);
            if (health) {
                event.attribute(ServerEvents.HEALTH_STATUS,
                        status >= 200 && status < 400 ? ServerEvents.HEALTHY : ServerEvents.UNHEALTHY);
            }
            runtime.emit(span, event);
            if (!health && Rejections.isRejection(status)) {
                runtime.emit(span, describe(runtime.endEvent(ServerEvents.REJECTED, span))
                        .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, status)
                        .attribute(ServerEvents.REASON, Rejections.reason(status)));
            }
            if (errorType == null) return;

            TelemetryEvent.Builder error = describe(runtime.endEvent(ServerEvents.ERROR, span))
                    .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, status)
                    .attribute(Attributes.ERROR_TYPE, errorType);
            if (thrown != null) {
                error.error(thrown);
            } else {
                error.errorType(errorType).errorMessage(method + " " + path + " answered " + status);
            }
            runtime.emit(span, error);
        }

        private TelemetryEvent.Builder describe(TelemetryEvent.Builder event) {
            return event.attribute(Attributes.HTTP_REQUEST_METHOD, method)
                    .attribute(Attributes.URL_PATH, path)
                    .attribute(Attributes.HTTP_ROUTE, handler != null && handler.route != null ? handler.route : route)
                    .attribute(Attributes.CODE_FUNCTION_NAME, handler != null ? handler.function : null)
                    .attribute(Attributes.SERVER_ADDRESS, serverAddress)
                    .attribute(Attributes.SERVER_PORT, serverPort != null && serverPort > 0 ? serverPort : null);
        }
    }
}
