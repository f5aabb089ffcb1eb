package io.emp.telemetry.agent.config;

/**
 * The service name events carry: {@code EMP_SERVICE_NAME} (an explicit EMP key wins), else the
 * OpenTelemetry {@code OTEL_SERVICE_NAME}, else {@code service.name} inside
 * {@code OTEL_RESOURCE_ATTRIBUTES} (the OpenTelemetry SDK's order), else the main class (or jar)
 * from {@code sun.java.command}, else {@value EmitterConfig#UNKNOWN_SERVICE}.
 */
final class ServiceName {
    private ServiceName() {
    }

    static String resolve(Settings settings, java.util.Map<String, String> otelResource) {
        String name = settings.get("service.name");
        if (name == null) name = settings.otel("OTEL_SERVICE_NAME");
        if (name == null || name.isBlank()) name = otelResource.get("service.name");
        if (name != null && name.isBlank()) name = null;
        if (name == null) name = fromCommand(System.getProperty("sun.java.command"));
        return name == null ? EmitterConfig.UNKNOWN_SERVICE : name.trim();
    }

    /** {@code com.acme.Main arg} → {@code com.acme.Main}; {@code /opt/app/worker.jar arg} → {@code worker}. */
    static String fromCommand(String command) {
        if (command == null || command.isBlank()) return null;
        String first = command.trim().split("\\s+", 2)[0];
        if (first.endsWith(".jar")) {
            int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
            first = first.substring(slash + 1, first.length() - 4);
        }
        return first.isEmpty() ? null : first;
    }
}
