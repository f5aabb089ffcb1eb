package io.emp.telemetry.e2e;

import io.emp.telemetry.schema.StreamDefaults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The expected ordered sequence of one job's lifecycle events across services and streams, and
 * the check that what the agents wrote is exactly that sequence, in that order.
 * <p>
 * Order is established without trusting one clock for everything: each agent writes its events in
 * the order they happened, so within one service and one stream the stream order must match
 * exactly; consecutive steps of one service must have non-decreasing timestamps (one clock); and a
 * step of another service must have started before the next step ended — the only order two
 * processes can prove without coordination (the worker may claim a job a millisecond before the
 * API's {@code createJob} call has returned and written its {@code job.created}).
 * <p>
 * Request-level events (HTTP and Redis-function instrumentation) are not lifecycle steps: they are
 * left out here and checked by the trace tests.
 */
final class JobTimeline {
    private final List<Step> steps = new ArrayList<>();

    record Step(String service, String eventType, String stream) {
        String key() {
            return service + " " + stream;
        }

        @Override
        public String toString() {
            return service + ":" + eventType + (StreamDefaults.ERRORS_STREAM.equals(stream) ? " (" + stream + ")" : "");
        }
    }

    static JobTimeline expect() {
        return new JobTimeline();
    }

    /** Next, {@code service} writes {@code eventType} to the events stream. */
    JobTimeline then(String service, String eventType) {
        steps.add(new Step(service, eventType, StreamDefaults.EVENTS_STREAM));
        return this;
    }

    /** Next, {@code service} writes the error event {@code eventType} to the errors stream. */
    JobTimeline thenError(String service, String eventType) {
        steps.add(new Step(service, eventType, StreamDefaults.ERRORS_STREAM));
        return this;
    }

    static boolean isLifecycleEvent(StoredEvent e) {
        return !e.type().startsWith("http.") && !e.type().startsWith("redis_function.");
    }

    /** Whether at least as many lifecycle events as expected were written (for waiting before {@link #check}). */
    boolean isComplete(List<StoredEvent> jobEvents) {
        return jobEvents.stream().filter(JobTimeline::isLifecycleEvent).count() >= steps.size();
    }

    /**
     * The events of the job in expected order, one per step; throws an {@link AssertionError} naming
     * the difference when the job's lifecycle events are not exactly this timeline.
     */
    List<StoredEvent> check(String jobId, List<StoredEvent> jobEvents) {
        List<StoredEvent> actual = jobEvents.stream().filter(JobTimeline::isLifecycleEvent).collect(Collectors.toList());
        Map<String, List<StoredEvent>> actualByKey = new LinkedHashMap<>();
        for (StoredEvent e : actual) actualByKey.computeIfAbsent(e.service() + " " + e.stream(), k -> new ArrayList<>()).add(e);
        Map<String, List<Step>> expectedByKey = new LinkedHashMap<>();
        for (Step s : steps) expectedByKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);

        Set<String> keys = new LinkedHashSet<>(expectedByKey.keySet());
        keys.addAll(actualByKey.keySet());
        for (String key : keys) {
            List<String> want = expectedByKey.getOrDefault(key, List.of()).stream().map(Step::eventType).toList();
            List<String> got = actualByKey.getOrDefault(key, List.of()).stream().map(StoredEvent::type).toList();
            if (!want.equals(got)) {
                throw mismatch(jobId, "events of " + key + " are " + got + ", expected " + want, jobEvents);
            }
        }

        List<StoredEvent> ordered = new ArrayList<>();
        Map<String, Integer> taken = new LinkedHashMap<>();
        for (Step s : steps) {
            int i = taken.merge(s.key(), 1, Integer::sum) - 1;
            ordered.add(actualByKey.get(s.key()).get(i));
        }
        for (int i = 0; i + 1 < ordered.size(); i++) {
            StoredEvent a = ordered.get(i);
            StoredEvent b = ordered.get(i + 1);
            boolean sameService = a.service().equals(b.service());
            boolean inOrder = sameService
                    ? a.event().timestamp() <= b.event().timestamp()
                    : a.startMillis() <= b.event().timestamp();
            if (!inOrder) {
                throw mismatch(jobId, "step " + (i + 2) + " " + steps.get(i + 1) + " happened before step " + (i + 1) + " "
                        + steps.get(i) + (sameService ? " (timestamps)" : " (it ended before the other began)"), jobEvents);
            }
        }
        return ordered;
    }

    private AssertionError mismatch(String jobId, String problem, List<StoredEvent> jobEvents) {
        return new AssertionError("job " + jobId + ": " + problem + "\nexpected timeline: " + steps
                + "\nthe job's events:" + EventStreams.describe(jobEvents));
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
