package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.AsyncClientRequestSite;
import io.emp.telemetry.agent.instrument.http.client.RequestTarget;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One Apache HttpClient 5 async {@code execute}. {@code doExecute} opens the client span (current
 * while it runs) and waits, on its thread, for the request: the client copies it and hands it to
 * the head of its exec chain before {@code doExecute} returns, together with the client's own
 * callback for the exchange. That callback is the key under which the call waits for its response
 * and its completion, which arrive on the client's I/O threads: then one
 * {@code http.client.request} event. The exec chain's redirects and retries answer that callback
 * once, with the final response.
 * <p>
 * Calls in flight are kept weakly keyed by the callback: an exchange that never completes is
 * forgotten with it. An execute that fails before its request reaches the chain (a client that was
 * closed) sent nothing and records nothing; the application gets the failure from its future.
 */
final class ApacheAsyncRequestHandler implements AsyncClientRequestSite {
    private static final ThreadLocal<Exchange[]> STARTED = ThreadLocal.withInitial(() -> new Exchange[1]);

    private final AgentRuntime runtime;
    private final Map<Object, Exchange> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

    ApacheAsyncRequestHandler(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Call start(Class<?> origin) {
        Exchange[] started = STARTED.get();
        if (started[0] != null) return null; // an execute inside an execute: the outer one is the call
        Exchange exchange = new Exchange(Spans.open(origin));
        started[0] = exchange;
        return exchange;
    }

    @Override
    public boolean awaitsRequest() {
        Exchange started = STARTED.get()[0];
        return started != null && started.target == null;
    }

    @Override
    public String send(Object key, String method, String scheme, String host, int port, String target,
                       boolean callerTraceparent) {
        Exchange exchange = STARTED.get()[0];
        if (exchange == null || exchange.target != null || key == null) return null;
        exchange.target = new RequestTarget(method, scheme, host, port, target);
        inFlight.put(key, exchange);
        return callerTraceparent ? null : TraceParent.format(exchange.span.context());
    }

    @Override
    public void response(Object key, int status) {
        Exchange exchange = inFlight.get(key);
        if (exchange != null) exchange.status = status;
    }

    @Override
    public void end(Object key, Throwable error) {
        Exchange exchange = inFlight.remove(key);
        if (exchange != null) {
            exchange.target.emit(runtime, exchange.span, exchange.status, error);
        }
    }

    private static final class Exchange implements Call {
        final Span span;
        volatile RequestTarget target;
        volatile int status = -1;

        Exchange(Span span) {
            this.span = span;
        }

        @Override
        public void exit(Throwable thrown) {
            STARTED.get()[0] = null;
            Spans.close(span);
        }
    }
}
