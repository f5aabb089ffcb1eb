package io.emp.telemetry.e2e;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order check the end-to-end tests rely on, on hand-made events (no JVMs). */
class JobTimelineTest {
    private static final String JOB = "job-1";
    private final List<StoredEvent> events = new ArrayList<>();
    private int entry;

    private final JobTimeline timeline = JobTimeline.expect()
            .then("api", "job.created")
            .then("worker", "job.claimed")
            .thenError("worker", "connector.processing_failed")
            .then("worker", "job.failed");

    @Test
    void acceptsTheTimelineInOrderAndReturnsTheEventsInTimelineOrder() {
        add("api", StreamDefaults.EVENTS_STREAM, "job.created", 100, 5);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.claimed", 110, 2);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.failed", 130, 1);
        add("worker", StreamDefaults.ERRORS_STREAM, "connector.processing_failed", 120, 1);

        List<StoredEvent> ordered = timeline.check(JOB, events);

        assertEquals(List.of("job.created", "job.claimed", "connector.processing_failed", "job.failed"),
                ordered.stream().map(StoredEvent::type).toList());
    }

    @Test
    void acceptsAClaimThatEndedBeforeTheCreatingCallReturned() {
        add("api", StreamDefaults.EVENTS_STREAM, "job.created", 105, 10); // createJob ran 95..105
        add("worker", StreamDefaults.EVENTS_STREAM, "job.claimed", 101, 1);
        add("worker", StreamDefaults.ERRORS_STREAM, "connector.processing_failed", 120, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.failed", 130, 1);

        assertEquals(4, timeline.check(JOB, events).size());
    }

    @Test
    void rejectsAClaimThatEndedBeforeTheJobWasBeingCreated() {
        add("api", StreamDefaults.EVENTS_STREAM, "job.created", 105, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.claimed", 101, 1);
        add("worker", StreamDefaults.ERRORS_STREAM, "connector.processing_failed", 120, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.failed", 130, 1);

        AssertionError e = assertThrows(AssertionError.class, () -> timeline.check(JOB, events));
        assertTrue(e.getMessage().contains("worker:job.claimed happened before step 1 api:job.created"), e.getMessage());
    }

    @Test
    void rejectsStepsOfOneServiceOutOfOrder() {
        add("api", StreamDefaults.EVENTS_STREAM, "job.created", 100, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.claimed", 110, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.failed", 115, 1);
        add("worker", StreamDefaults.ERRORS_STREAM, "connector.processing_failed", 120, 1);

        assertThrows(AssertionError.class, () -> timeline.check(JOB, events));
    }

    @Test
    void rejectsAnErrorWrittenToTheEventsStream() {
        add("api", StreamDefaults.EVENTS_STREAM, "job.created", 100, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.claimed", 110, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "connector.processing_failed", 120, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.failed", 130, 1);

        AssertionError e = assertThrows(AssertionError.class, () -> timeline.check(JOB, events));
        assertTrue(e.getMessage().contains("events of worker emp:events are [job.claimed, connector.processing_failed, job.failed]"),
                e.getMessage());
    }

    @Test
    void rejectsAMissingOrAnExtraEventButIgnoresRequestLevelEvents() {
        add("api", StreamDefaults.EVENTS_STREAM, "job.created", 100, 1);
        add("api", StreamDefaults.EVENTS_STREAM, "redis_function.completed", 100, 1);
        add("worker", StreamDefaults.EVENTS_STREAM, "job.claimed", 110, 1);
        add("worker", StreamDefaults.ERRORS_STREAM, "connector.processing_failed", 120, 1);
        assertThrows(AssertionError.class, () -> timeline.check(JOB, events));

        add("worker", StreamDefaults.EVENTS_STREAM, "job.failed", 130, 1);
        assertEquals(4, timeline.check(JOB, events).size());

        add("worker", StreamDefaults.EVENTS_STREAM, "job.failed", 131, 1);
        assertThrows(AssertionError.class, () -> timeline.check(JOB, events));
    }

    private void add(String service, String stream, String type, long timestamp, double durationMs) {
        TelemetryEvent event = TelemetryEvent.builder(type).service(service).timestamp(timestamp).jobId(JOB)
                .traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331")
                .attribute(Attributes.DURATION_MS, durationMs).build();
        events.add(new StoredEvent(stream, timestamp + "-" + entry++, event));
    }
}
