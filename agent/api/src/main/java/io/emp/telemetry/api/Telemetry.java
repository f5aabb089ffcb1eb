package io.emp.telemetry.api;

import java.util.Map;

/**
 * Manual events, for places rules cannot reach. Every method returns at once and never throws.
 * <p>
 * With the EMP javaagent attached, calls go to the agent's emitter (the agent binds this class
 * in whatever class loader it is loaded). Without the agent, they go to the backend installed
 * with {@link #install(TelemetryBackend)}, and by default nowhere: a no-op that costs one
 * volatile read.
 */
public final class Telemetry {
    private static final TelemetryBackend NO_OP = (kind, id, type, data, error) -> { };
    private static volatile TelemetryBackend backend = NO_OP;

    private Telemetry() {
    }

    /** An event not tied to a job, worker or machine. */
    public static void event(String type, Map<String, ?> data) {
        dispatch(TelemetryBackend.EVENT, null, type, data, null);
    }

    public static void jobEvent(String jobId, String type, Map<String, ?> data) {
        dispatch(TelemetryBackend.JOB, jobId, type, data, null);
    }

    public static void workerEvent(String workerId, String type, Map<String, ?> data) {
        dispatch(TelemetryBackend.WORKER, workerId, type, data, null);
    }

    public static void machineEvent(String machineId, String type, Map<String, ?> data) {
        dispatch(TelemetryBackend.MACHINE, machineId, type, data, null);
    }

    /** An error event (goes to the errors stream with the throwable's type, message and stack). */
    public static void error(String type, Throwable error, Map<String, ?> context) {
        dispatch(TelemetryBackend.EVENT, null, type, context, error);
    }

    public static void jobError(String jobId, String type, Throwable error, Map<String, ?> context) {
        dispatch(TelemetryBackend.JOB, jobId, type, context, error);
    }

    public static void workerError(String workerId, String type, Throwable error, Map<String, ?> context) {
        dispatch(TelemetryBackend.WORKER, workerId, type, context, error);
    }

    public static void machineError(String machineId, String type, Throwable error, Map<String, ?> context) {
        dispatch(TelemetryBackend.MACHINE, machineId, type, context, error);
    }

    /**
     * High-frequency status (progress, GPU statistics) to a Pub/Sub channel such as
     * {@code job:{jobId}:status}. Never written to a stream.
     */
    public static void status(String channel, Map<String, ?> data) {
        dispatch(TelemetryBackend.STATUS, null, channel, data, null);
    }

    /** Routes calls to {@code backend} when the agent is not attached; {@code null} restores the no-op. */
    public static void install(TelemetryBackend newBackend) {
        backend = newBackend == null ? NO_OP : newBackend;
    }

    /**
     * The single funnel every facade method goes through. The agent instruments this one method
     * (and skips its body), which keeps the binding to one small advice. Do not rename it.
     */
    static void dispatch(String kind, String id, String type, Map<String, ?> data, Throwable error) {
        try {
            backend.dispatch(kind, id, type, data, error);
        } catch (Throwable ignored) {
            // A backend must not throw; if it does, the application still must not see it.
        }
    }
}
