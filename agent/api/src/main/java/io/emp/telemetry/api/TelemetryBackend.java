package io.emp.telemetry.api;

import java.util.Map;

/**
 * Where {@link Telemetry} calls go when the javaagent is not attached. The agent does not use this
 * interface: it binds the facade itself. Install one with {@link Telemetry#install(TelemetryBackend)}
 * to use the emitter as a library or in tests.
 */
public interface TelemetryBackend {
    /** A plain event; {@code correlationId} is null. */
    String EVENT = "event";
    /** {@code correlationId} is a job id. */
    String JOB = "job";
    /** {@code correlationId} is a worker id. */
    String WORKER = "worker";
    /** {@code correlationId} is a machine id. */
    String MACHINE = "machine";
    /** {@code type} is a Pub/Sub channel; never written to a stream. */
    String STATUS = "status";

    /**
     * Records one call of the facade. Must return quickly and must not throw.
     *
     * @param kind          one of the constants of this interface
     * @param correlationId job, worker or machine id, per {@code kind}; else null
     * @param type          event type ({@code entity.action}), or the channel for {@link #STATUS}
     * @param data          attributes; may be null
     * @param error         the failure for error events; else null
     */
    void dispatch(String kind, String correlationId, String type, Map<String, ?> data, Throwable error);
}
