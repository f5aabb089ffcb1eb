package io.emp.telemetry.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one JVM of the system under test: its name (also the name of its log files), the
 * JVM arguments after {@code java}, and its environment on top of a clean one.
 */
record Launch(String name, List<String> arguments, Map<String, String> environment) {

    /** Start-up is the slow part on a loaded 2-core machine: C1 only, a small serial heap. */
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

    static Launch apiServer(String redisUri) {
        Map<String, String> env = agentEnvironment(redisUri, "api-server");
        env.put("REDIS_URL", redisUri);
        env.put("API_PORT", "0");
        return new Launch("api-server", withAgent("-jar", Artifacts.apiServerJar().toString()), env);
    }

    static Launch worker(String redisUri, String workerId, String machineId) {
        Map<String, String> env = agentEnvironment(redisUri, "worker");
        env.put("REDIS_URL", redisUri);
        env.put("WORKER_ID", workerId);
        env.put("MACHINE_ID", machineId);
        return new Launch("worker", withAgent("-jar", Artifacts.workerJar().toString()), env);
    }

    /**
     * The sample's stand-in for an AI service, WITHOUT the agent (it plays a service outside the
     * system), on any free loopback port; it prints its address and the traceparent of each request.
     */
    static Launch aiStandin() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AI_STANDIN_PORT", "0");
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.addAll(List.of("-jar", Artifacts.aiStandinJar().toString()));
        return new Launch("ai-standin", args, env);
    }

    /** The collector, without the agent, exporting both streams to a JSON-lines file. */
    static Launch collector(String redisUri, Path eventsFile) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMP_REDIS_URL", redisUri);
        env.put("EMP_EXPORTERS", "file");
        env.put("EMP_COLLECTOR_FILE_PATH", eventsFile.toString());
        env.put("EMP_COLLECTOR_BATCH_WAIT", "200ms");
        env.put("EMP_COLLECTOR_HEALTH_PORT", "-1");
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.addAll(List.of("-jar", Artifacts.collectorJar().toString(), "run"));
        return new Launch("collector", args, env);
    }

    /** The collector, without the agent, exporting both streams over OTLP/HTTP (protobuf) to {@code endpoint}. */
    static Launch collectorOtlp(String redisUri, String endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMP_REDIS_URL", redisUri);
        env.put("EMP_EXPORTERS", "otlp");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
        env.put("OTEL_SERVICE_NAME", "emp-collector");
        env.put("OTEL_RESOURCE_ATTRIBUTES", "service.version=0.0.0-collector,deployment.environment.name=e2e");
        env.put("EMP_COLLECTOR_BATCH_WAIT", "200ms");
        env.put("EMP_COLLECTOR_METRICS_INTERVAL", "1s");
        env.put("EMP_COLLECTOR_HEALTH_PORT", "-1");
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.addAll(List.of("-jar", Artifacts.collectorJar().toString(), "run"));
        return new Launch("collector-otlp", args, env);
    }

    /** The same launch with {@code extra} added to its environment. */
    Launch withEnvironment(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(extra);
        return new Launch(name, arguments, env);
    }

    /** The web console alone ({@code emp-collector console}) on any free loopback port; it prints its address. */
    static Launch console(String redisUri) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMP_REDIS_URL", redisUri);
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.addAll(List.of("-jar", Artifacts.collectorJar().toString(), "console", "--port", "0"));
        return new Launch("console", args, env);
    }

    /** A main class of this module's test sources, run with the agent. */
    static Launch testApp(String redisUri, String serviceName, Class<?> mainClass) {
        Map<String, String> env = agentEnvironment(redisUri, serviceName);
        return new Launch(serviceName,
                withAgent("-cp", Artifacts.testClasses().toString(), mainClass.getName()), env);
    }

    private static List<String> withAgent(String... rest) {
        List<String> args = new ArrayList<>();
        args.add("-javaagent:" + Artifacts.agentJar());
        args.addAll(JVM_FLAGS);
        args.addAll(List.of(rest));
        return args;
    }

    private static Map<String, String> agentEnvironment(String redisUri, String serviceName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMP_REDIS_URL", redisUri);
        env.put("EMP_SERVICE_NAME", serviceName);
        return env;
    }
}
