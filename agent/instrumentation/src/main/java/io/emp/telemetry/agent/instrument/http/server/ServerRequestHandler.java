package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteHandler;
import io.emp.telemetry.agent.instrument.SiteCall;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

/**
 * One incoming HTTP request, whatever the server (servlet containers, the JDK server). The advice
 * passes {@code [method, path, route, traceparent, serverAddress, serverPort]} and, on exit, the
 * response status. Only the OUTERMOST entry point on a thread becomes a request: a servlet calling
 * another servlet ({@code HttpServlet.service → doGet}, forwards, a framework's dispatcher, a JDK
 * handler delegating to another) is the same request.
 */
final class ServerRequestHandler implements CallSiteHandler {
    private static final ThreadLocal<Request> IN_FLIGHT = new ThreadLocal<>();

    private final AgentRuntime runtime;

    ServerRequestHandler(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public SiteCall enter(Class<?> origin, Object self, Object[] args) {
        if (IN_FLIGHT.get() != null) return null;
        SpanContext remote = TraceParent.parse(string(args[3]));
        Span span = remote == null ? Spans.open(origin) : Spans.openChildOf(remote);
        Request request = new Request(span, HttpMethods.normalize(string(args[0])), string(args[1]), string(args[2]),
                string(args[4]), args[5] instanceof Integer ? (Integer) args[5] : null);
        IN_FLIGHT.set(request);
        return request;
    }

    private final class Request implements SiteCall {
        private final Span span;
        private final String method;
        private final String path;
        private final String route;
        private final String serverAddress;
        private final Integer serverPort;

        Request(Span span, String method, String path, String route, String serverAddress, Integer serverPort) {
            this.span = span;
            this.method = method;
            this.path = path;
            this.route = route;
            this.serverAddress = serverAddress;
            this.serverPort = serverPort;
        }

        @Override
        public void exit(Object returned, Throwable thrown) {
            IN_FLIGHT.remove();
            Spans.close(span);
            // A handler that threw has not answered yet: the server will send a 500.
            int status = thrown != null ? 500 : returned instanceof Integer ? (Integer) returned : -1;
            String errorType = thrown != null ? thrown.getClass().getName()
                    : status >= 500 ? Integer.toString(status) : null;

            TelemetryEvent.Builder event = describe(runtime.spanEndEvent(ServerEvents.REQUEST, span))
                    .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, status > 0 ? status : null)
                    .attribute(Attributes.ERROR_TYPE, errorType);
            runtime.emit(event.build());
            if (errorType == null) return;

            TelemetryEvent.Builder error = describe(runtime.spanEndEvent(ServerEvents.ERROR, span))
                    .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, status)
                    .attribute(Attributes.ERROR_TYPE, errorType);
            if (thrown != null) {
                error.error(thrown);
            } else {
                error.errorType(errorType).errorMessage(method + " " + path + " answered " + status);
            }
            runtime.emit(error.build());
        }

        private TelemetryEvent.Builder describe(TelemetryEvent.Builder event) {
            return event.attribute(Attributes.HTTP_REQUEST_METHOD, method)
                    .attribute(Attributes.URL_PATH, path)
                    .attribute(Attributes.HTTP_ROUTE, route)
                    .attribute(Attributes.SERVER_ADDRESS, serverAddress)
                    .attribute(Attributes.SERVER_PORT, serverPort != null && serverPort > 0 ? serverPort : null);
        }
    }

    private static String string(Object value) {
        return value instanceof String ? (String) value : null;
    }
}
