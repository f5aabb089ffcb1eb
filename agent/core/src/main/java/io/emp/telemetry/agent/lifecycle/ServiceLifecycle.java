package io.emp.telemetry.agent.lifecycle;

import io.emp.telemetry.agent.config.HostFacts;
import io.emp.telemetry.agent.context.TraceIds;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's own life: {@code service.starting} when the agent starts (with host facts),
 * {@code service.ready} once, when the service first starts taking work (a listening server socket,
 * or an instrumented component announcing {@code *.ready}, such as {@code worker.ready}), and
 * {@code service.shutting_down} from the shutdown hook. All three share one trace per process
 * lifetime, so a backend shows a service's start and stop together.
 */
public final class ServiceLifecycle implements EventSink {
    public static final String STARTING = "service.starting";
    public static final String READY = "service.ready";
    public static final String SHUTTING_DOWN = "service.shutting_down";

    private final EventSink delegate;
    private final String service;
    private final String machineId;
    private final String traceId = TraceIds.newTraceId();
    private final String rootSpanId = TraceIds.newSpanId();
    private final long startedAt = System.currentTimeMillis();
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile Runnable readyListener;

    /**
     * {@code delegate} receives every event; this sink only watches for readiness on the way.
     * {@code machineId} is the process's machine ({@code io.emp.telemetry.agent.config.MachineId}).
     */
    public ServiceLifecycle(EventSink delegate, String service, String machineId) {
        this.delegate = delegate;
        this.service = service;
        this.machineId = machineId;
    }

    public void starting() {
        delegate.emit(event(STARTING).data(HostFacts.read()).build());
    }

    /** Emits {@code service.ready} the first time only; {@code reason} says what showed readiness. */
    public void ready(String reason, Map<String, ?> details) {
        if (!ready.compareAndSet(false, true)) return;
        delegate.emit(event(READY)
                .attribute("ready.reason", reason)
                .attribute("startup.duration_ms", System.currentTimeMillis() - startedAt)
                .data(details)
                .build());
        Runnable listener = readyListener;
        if (listener != null) listener.run();
    }

    /**
     * {@code listener} runs once the service is ready (at once if it already is; it may run twice in a
     * race, so it must be idempotent): how {@code machine.ready} learns that the service takes work.
     */
    public void whenReady(Runnable listener) {
        readyListener = listener;
        if (ready.get()) listener.run();
    }

    public void shuttingDown() {
        delegate.emit(event(SHUTTING_DOWN)
                .attribute("uptime_ms", System.currentTimeMillis() - startedAt)
                .build());
    }

    @Override
    public void emit(TelemetryEvent event) {
        if (!ready.get() && event.eventType().endsWith(".ready") && !READY.equals(event.eventType())) {
            ready(event.eventType(), null);
        }
        delegate.emit(event);
    }

    @Override
    public void publish(String channel, Map<String, ?> data) {
        delegate.publish(channel, data);
    }

    private TelemetryEvent.Builder event(String type) {
        return TelemetryEvent.builder(type)
                .timestamp(System.currentTimeMillis())
                .service(service)
                .machineId(machineId)
                .traceId(traceId)
                .spanId(TraceIds.newSpanId())
                .parentSpanId(rootSpanId);
    }
}
