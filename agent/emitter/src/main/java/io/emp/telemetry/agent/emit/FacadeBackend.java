package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.api.Telemetry;
import io.emp.telemetry.api.TelemetryBackend;

import java.util.Map;

/**
 * Binds the {@code Telemetry} facade to an emitter without the javaagent (library use, tests):
 * {@code Telemetry.install(new FacadeBackend(emitter))}. With the agent attached this class is not
 * used; the agent binds the facade itself.
 */
public final class FacadeBackend implements TelemetryBackend {
    private final FacadeEvents events;

    public FacadeBackend(RedisEventEmitter emitter) {
        this(emitter, emitter.config().serviceName(), TraceContextSupplier.NONE);
    }

    public FacadeBackend(EventSink sink, String service, TraceContextSupplier contexts) {
        this.events = new FacadeEvents(sink, service, contexts);
    }

    /** Starts an emitter from {@code settings} (see {@link EmpTelemetry#start}) and routes the facade to it. */
    public static RedisEventEmitter install(Settings settings) {
        RedisEventEmitter emitter = EmpTelemetry.start(settings);
        Telemetry.install(new FacadeBackend(emitter));
        return emitter;
    }

    @Override
    public void dispatch(String kind, String correlationId, String type, Map<String, ?> data, Throwable error) {
        events.dispatch(kind, correlationId, type, data, error);
    }
}
