package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.ClientCallSite;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Outgoing calls of client libraries the agent cannot link (OkHttp): a client span (child of the
 * context the call is created in) whose {@code traceparent} the advice adds to the request unless
 * the caller set one, and at the call's end, on whatever thread it comes, the events of
 * {@link ClientRequestEvents}.
 * <p>
 * Between creation and end a call waits in a weak map keyed by the library's call object: bounded
 * by the calls alive in the application, and a call that is never executed vanishes with its
 * object (it sent nothing, so there is nothing to record). A call ends at most once: its entry is
 * removed by the first end.
 */
public final class LibraryClientCallHandler implements ClientCallSite {
    private final AgentRuntime runtime;
    private final Map<Object, Request> inFlight = new WeakHashMap<>();

    public LibraryClientCallHandler(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Call enter(Class<?> origin, String method, String url, String serverAddress, int serverPort,
                      String traceparent) {
        // Not pushed as the thread's current span: the request may run later, on another thread.
        Span span = Spans.event(origin, null);
        String add = traceparent == null || traceparent.isEmpty() ? TraceParent.format(span.context()) : null;
        return new Request(span, method, TracedRequests.urlWithoutQuery(url), serverAddress,
                serverPort < 0 ? null : serverPort, add);
    }

    @Override
    public void end(Object libraryCall, int status, Throwable thrown) {
        Request request;
        synchronized (inFlight) {
            if (inFlight.isEmpty()) return;
            request = inFlight.remove(libraryCall);
        }
        if (request != null) request.finish(status, thrown);
    }

    /** Calls created and not yet ended (tests: nothing is kept after a call ends). */
    int inFlight() {
        synchronized (inFlight) {
            return inFlight.size();
        }
    }

    private final class Request implements Call {
        private final Span span;
        private final String method;
        private final String url;
        private final String host;
        private final Integer port;
        private final String traceparentToAdd;

        Request(Span span, String method, String url, String host, Integer port, String traceparentToAdd) {
            this.span = span;
            this.method = method;
            this.url = url;
            this.host = host;
            this.port = port;
            this.traceparentToAdd = traceparentToAdd;
        }

        @Override
        public String traceparentToAdd() {
            return traceparentToAdd;
        }

        @Override
        public void bindTo(Object libraryCall) {
            synchronized (inFlight) {
                inFlight.put(libraryCall, this);
            }
        }

        void finish(int status, Throwable error) {
            ClientRequestEvents.emit(runtime, span, method, url, host, port, status, error);
        }
    }
}
