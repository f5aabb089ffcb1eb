package io.emp.telemetry.agent.instrument.http.client.urlconnection;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.UrlConnectionSite;
import io.emp.telemetry.agent.instrument.http.client.RequestTarget;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one request of an {@link HttpURLConnection}, followed across the application's calls:
 * it starts at the first {@code connect}/{@code getOutputStream}/{@code getInputStream} on a
 * connection that is not connected yet (the {@code traceparent} is set then, while request
 * properties can still be set), and ends when {@code getInputStream} returns or when any of them
 * throws. {@code getResponseCode} and the header getters go through {@code getInputStream}.
 * <p>
 * The span is not made current (the request outlives the call that started it); it is a child
 * of the context current at that first call. Requests are kept weakly keyed by their connection,
 * finished ones too (later calls on it are not a new request): an entry goes with its connection,
 * and one the application never reads is forgotten that way, without an event.
 * Redirects and retries happen inside {@code getInputStream} on the same connection; calls the
 * JDK makes inside another (getInputStream connects) are ignored through a per-thread count.
 */
final class UrlConnectionHandler implements UrlConnectionSite {
    private static final ThreadLocal<int[]> IN_CALL = ThreadLocal.withInitial(() -> new int[1]);

    private final AgentRuntime runtime;
    /** The value never refers to its connection, or the weak key could not be collected. */
    private final Map<HttpURLConnection, Request> requests = Collections.synchronizedMap(new WeakHashMap<>());

    UrlConnectionHandler(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean active() {
        return IN_CALL.get()[0] == 0;
    }

    @Override
    public Call enter(Class<?> origin, HttpURLConnection connection, boolean connected) {
        Request request = requests.get(connection);
        if (request == null) {
            if (connected) return null; // connected before the agent saw it: not ours to follow
            request = start(origin, connection);
            requests.put(connection, request);
        } else if (request.finished) {
            // after an error status or a failure the JDK may reset "connected" and answer later
            // calls from what it remembered: still the same, finished request
            return null;
        } else {
            // getOutputStream turns a GET into a POST: the method the request is sent with is the last one seen
            request.method = connection.getRequestMethod();
        }
        IN_CALL.get()[0]++;
        return request;
    }

    private Request start(Class<?> origin, HttpURLConnection connection) {
        Span span = Spans.event(origin, null);
        if (connection.getRequestProperty(TraceParent.HEADER) == null) {
            connection.setRequestProperty(TraceParent.HEADER, TraceParent.format(span.context()));
        }
        return new Request(connection, span);
    }

    private final class Request implements Call {
        private final Span span;
        private final String scheme;
        private final String host;
        private final int port;
        private final String path;
        volatile String method;
        volatile boolean finished;

        Request(HttpURLConnection connection, Span span) {
            URL url = connection.getURL();
            this.span = span;
            this.scheme = url.getProtocol();
            this.host = url.getHost();
            this.port = url.getPort();
            this.path = url.getPath();
            this.method = connection.getRequestMethod();
        }

        @Override
        public void exit(int responseCode, Throwable thrown, boolean responseRead) {
            IN_CALL.get()[0]--;
            if (thrown != null) {
                // the JDK throws for a 4xx/5xx response; that is a response, not a failed call
                finish(responseCode, responseCode >= 400 ? null : thrown);
            } else if (responseRead && responseCode > 0) {
                finish(responseCode, null);
            }
        }

        private void finish(int status, Throwable error) {
            synchronized (this) {
                if (finished) return;
                finished = true;
            }
            new RequestTarget(method, scheme, host, port, path).emit(runtime, span, status, error);
        }
    }
}
