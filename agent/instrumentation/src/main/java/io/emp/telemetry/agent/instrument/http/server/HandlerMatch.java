package io.emp.telemetry.agent.instrument.http.server;

/**
 * What a web framework's handler lookup told about a request: the full route template
 * ({@code http.route}, null when the framework matched no template) and the handler method
 * ({@code code.function.name}: {@code com.example.OwnerController.show}).
 */
final class HandlerMatch {
    final String route;
    final String function;

    HandlerMatch(String route, String function) {
        this.route = route;
        this.function = function;
    }
}
