package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.LibraryClientRequestSite;
import io.emp.telemetry.agent.instrument.http.client.RequestTarget;

/**
 * One Apache HttpClient 5 {@code execute}: a client span (child of the current one) that is
 * current while the call runs, its {@code traceparent} for the advice to set on the request unless
 * the caller set one, and on return one {@code http.client.request} event.
 * <p>
 * One event per logical call: redirects and retries run inside the client's exec chain, below the
 * instrumented {@code doExecute}; a client that calls another client (a wrapper, an interceptor
 * making its own call) is seen only at the outermost call, through the per-thread count of calls
 * in progress.
 */
final class ApacheRequestHandler implements LibraryClientRequestSite {
    private static final ThreadLocal<int[]> IN_PROGRESS = ThreadLocal.withInitial(() -> new int[1]);

    private final AgentRuntime runtime;

    ApacheRequestHandler(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean active() {
        return IN_PROGRESS.get()[0] == 0;
    }

    @Override
    public Call enter(Class<?> origin, String method, String scheme, String host, int port, String target,
                      boolean callerTraceparent) {
        Span span = Spans.open(origin);
        String traceparent = callerTraceparent ? null : TraceParent.format(span.context());
        Request request = new Request(span, new RequestTarget(method, scheme, host, port, target), traceparent);
        IN_PROGRESS.get()[0]++;
        return request;
    }

    private final class Request implements Call {
        private final Span span;
        private final RequestTarget target;
        private final String traceparent;

        Request(Span span, RequestTarget target, String traceparent) {
            this.span = span;
            this.target = target;
            this.traceparent = traceparent;
        }

        @Override
        public String traceparent() {
            return traceparent;
        }

        @Override
        public void end(int status, Throwable thrown) {
            IN_PROGRESS.get()[0]--;
            Spans.close(span);
            target.emit(runtime, span, status, thrown);
        }
    }
}
