package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.ClientRequestSite;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One outgoing {@code java.net.http} call: a client span (child of the current one), its
 * {@code traceparent} put on the request unless the caller set one, and on completion one
 * {@code http.client.request} event; a call that failed (no response) also sends
 * {@code http.client.request_failed} to the errors stream ({@link ClientRequestEvents}). Async calls
 * complete with their future.
 */
final class ClientRequestHandler implements ClientRequestSite {
    static final String REQUEST_EVENT = ClientRequestEvents.REQUEST_EVENT;
    static final String FAILED_EVENT = ClientRequestEvents.FAILED_EVENT;

    private final AgentRuntime runtime;

    ClientRequestHandler(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Call enter(Class<?> origin, Object sent) {
        if (!(sent instanceof HttpRequest)) return null;
        HttpRequest request = (HttpRequest) sent;
        Span span = Spans.open(origin);
        HttpRequest traced = request.headers().firstValue(TraceParent.HEADER).isEmpty()
                ? TracedRequests.withHeader(request, TraceParent.HEADER, TraceParent.format(span.context()))
                : null;
        return new Request(span, request.method(), request.uri(), traced);
    }

    private final class Request implements Call {
        private final Span span;
        private final String method;
        private final URI uri;
        private final HttpRequest traced;

        Request(Span span, String method, URI uri, HttpRequest traced) {
            this.span = span;
            this.method = method;
            this.uri = uri;
            this.traced = traced;
        }

        @Override
        public Object replacementRequest() {
            return traced;
        }

        @Override
        public void exit(Object returned, Throwable thrown) {
            Spans.close(span);
            if (thrown == null && returned instanceof CompletionStage) {
                ((CompletionStage<?>) returned).whenComplete((response, error) -> {
                    try {
                        finish(response, unwrap(error));
                    } catch (Throwable ignored) {
                        // never into the application's future chain
                    }
                });
            } else {
                finish(returned, thrown);
            }
        }

        private void finish(Object response, Throwable error) {
            int status = response instanceof HttpResponse ? ((HttpResponse<?>) response).statusCode() : -1;
            ClientRequestEvents.emit(runtime, span, method, TracedRequests.urlWithoutQuery(uri),
                    uri == null ? null : uri.getHost(), uri == null || uri.getPort() < 0 ? null : uri.getPort(),
                    status, error);
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
