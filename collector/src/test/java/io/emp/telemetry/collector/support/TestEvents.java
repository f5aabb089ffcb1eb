package io.emp.telemetry.collector.support;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Events as the agent writes them (EventCodec.encode + XADD), for driving the collector. */
public final class TestEvents {
    private TestEvents() {
    }

    public static String hex(int chars) {
        StringBuilder sb = new StringBuilder(chars);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (sb.length() < chars) sb.append(Character.forDigit(r.nextInt(16), 16));
        if (sb.chars().allMatch(c -> c == '0')) sb.setCharAt(0, '1');
        return sb.toString();
    }

    public static TelemetryEvent.Builder event(String type, String service) {
        return TelemetryEvent.builder(type).timestamp(System.currentTimeMillis()).service(service)
                .traceId(hex(32)).spanId(hex(16));
    }

    public static String xadd(RedisCommands<String, String> redis, String stream, TelemetryEvent e) {
        return redis.xadd(stream, EventCodec.encode(e));
    }

    /** One job across API → worker → connector: request, job.created (linked), claim, connector span, completion. */
    public static final class Job {
        public final String jobId = "job-" + hex(8);
        public final String traceId = JobTrace.traceId(jobId);
        public final String rootSpanId = JobTrace.rootSpanId(jobId);
        public final String requestTraceId = hex(32);
        public final String requestSpanId = hex(16);
        public final String connectorSpanId = hex(16);
        public final long start = System.currentTimeMillis() - 1000;
        public final List<TelemetryEvent> events = new ArrayList<>();

        public Job() {
            events.add(TelemetryEvent.builder("http.request_completed").timestamp(start + 15).service("api-server")
                    .traceId(requestTraceId).spanId(requestSpanId)
                    .attribute(Attributes.HTTP_REQUEST_METHOD, "POST").attribute(Attributes.HTTP_ROUTE, "/jobs")
                    .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, 201).attribute(Attributes.DURATION_MS, 15).build());
            events.add(TelemetryEvent.builder("job.created").timestamp(start + 10).service("api-server")
                    .traceId(traceId).spanId(hex(16)).parentSpanId(rootSpanId).jobId(jobId)
                    .attribute(Attributes.LINK_TRACE_ID, requestTraceId).attribute(Attributes.LINK_SPAN_ID, requestSpanId)
                    .attribute("job.type", "echo").build());
            events.add(TelemetryEvent.builder("job.claimed").timestamp(start + 100).service("worker")
                    .traceId(traceId).spanId(hex(16)).parentSpanId(rootSpanId).jobId(jobId).workerId("worker-1").build());
            events.add(TelemetryEvent.builder("connector.processing_completed").timestamp(start + 400).service("worker")
                    .traceId(traceId).spanId(connectorSpanId).parentSpanId(rootSpanId).jobId(jobId).workerId("worker-1")
                    .attribute("connector", "EchoConnector").attribute(Attributes.DURATION_MS, 250.5).build());
            events.add(TelemetryEvent.builder("job.completed").timestamp(start + 450).service("worker")
                    .traceId(traceId).spanId(hex(16)).parentSpanId(rootSpanId).jobId(jobId).workerId("worker-1").build());
        }
    }
}
