package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every event of one job from the events and errors streams, in time order, with what a person
 * debugging the job asks first: which services it went through, how long it took, how it ended,
 * and where it sat idle (gaps). An event belongs to the job when it carries the job id, or when it
 * is in the job's trace ({@link JobTrace#traceId}) without a job id (calls made while working on
 * the job, such as Redis functions).
 */
public final class Timeline {
    public static final String JOB_COMPLETED = "job.completed";
    public static final String JOB_FAILED = "job.failed";
    public static final String JOB_CREATED = "job.created";

    /** Consecutive events further apart than the threshold. */
    public record Gap(ConsumedEvent before, ConsumedEvent after, long millis) {
    }

    /** How the job ended: {@code completed}, {@code failed} or {@code running}, with the deciding event. */
    public record Outcome(String state, ConsumedEvent event) {
    }

    /**
     * Start-time order: an exit event's span started {@code durationMs} before its timestamp (an HTTP request that
     * created a job starts before it, even when it ends after). Timestamps have millisecond resolution and entry ids
     * of two streams cannot be compared, so within one millisecond a start ({@code *_started}, {@code *.executing})
     * goes first and the job's end last; otherwise the order the events were stored in.
     */
    private static final Comparator<ConsumedEvent> ORDER = Comparator
            .comparingLong(Timeline::startOf)
            .thenComparingInt(c -> phase(c.event().eventType()))
            .thenComparingLong(c -> StreamIds.millis(c.entryId()))
            .thenComparing(ConsumedEvent::entryId);

    /** When the event's span began: its timestamp minus its {@code durationMs} (exit events), else its timestamp. */
    public static long startOf(ConsumedEvent c) {
        return Math.round(c.event().timestamp() - durationMs(c));
    }

    /** When the event's span ended: its timestamp. */
    public static long endOf(ConsumedEvent c) {
        return c.event().timestamp();
    }

    /** The event's {@code durationMs}, or 0. */
    public static double durationMs(ConsumedEvent c) {
        Object d = c.event().data().get(Attributes.DURATION_MS);
        return d instanceof Number n && n.doubleValue() > 0 && !Double.isInfinite(n.doubleValue()) ? n.doubleValue() : 0;
    }

    private static int phase(String type) {
        if (type.endsWith("_started") || type.endsWith(".started") || type.endsWith(".executing") || type.endsWith("_starting")) {
            return 0;
        }
        return type.equals(JOB_COMPLETED) || type.equals(JOB_FAILED) ? 2 : 1;
    }

    /** How far around job.created the request that created it is looked for. */
    private static final long REQUEST_WINDOW_MS = 60_000;

    private final String jobId;
    private final String traceId;
    private final String requestTraceId;
    private final List<ConsumedEvent> events;

    public Timeline(String jobId, String requestTraceId, List<ConsumedEvent> events) {
        this.jobId = jobId;
        this.traceId = JobTrace.traceId(jobId);
        this.requestTraceId = requestTraceId;
        List<ConsumedEvent> sorted = new ArrayList<>(events);
        sorted.sort(ORDER);
        this.events = List.copyOf(sorted);
    }

    /** Scans both streams (bounded by the scanner's budget) for the job's events. */
    public static Timeline collect(StreamScanner scanner, String eventsStream, String errorsStream, String jobId, TimeWindow window) {
        String trace = JobTrace.traceId(jobId);
        List<ConsumedEvent> found = new ArrayList<>();
        Predicate<ConsumedEvent> keep = c -> {
            if (belongs(c.event(), jobId, trace)) found.add(c);
            return true;
        };
        scanner.forward(eventsStream, false, window, keep);
        scanner.forward(errorsStream, true, window, keep);
        ConsumedEvent created = found.stream().filter(c -> c.event().eventType().equals(JOB_CREATED)
                && c.event().data().get(Attributes.LINK_TRACE_ID) instanceof String).findFirst().orElse(null);
        if (created == null) return new Timeline(jobId, null, found);
        // The HTTP request that created the job has its own trace, linked from job.created: show it too.
        String request = (String) created.event().data().get(Attributes.LINK_TRACE_ID);
        long at = created.event().timestamp();
        TimeWindow around = new TimeWindow(Math.max(at - REQUEST_WINDOW_MS, window.sinceMs() == null ? 0 : window.sinceMs()),
                Math.min(at + REQUEST_WINDOW_MS, window.untilMs() == null ? Long.MAX_VALUE : window.untilMs()));
        Predicate<ConsumedEvent> inRequest = c -> {
            if (request.equals(c.event().traceId()) && c.event().jobId() == null) found.add(c);
            return true;
        };
        scanner.forward(eventsStream, false, around, inRequest);
        scanner.forward(errorsStream, true, around, inRequest);
        return new Timeline(jobId, request, found);
    }

    private static boolean belongs(TelemetryEvent e, String jobId, String trace) {
        return jobId.equals(e.jobId()) || (e.jobId() == null && trace.equals(e.traceId()));
    }

    public String jobId() {
        return jobId;
    }

    /** The job's trace id, derived from the job id. */
    public String traceId() {
        return traceId;
    }

    /** Trace of the request that created the job (job.created's span link), or null. */
    public String requestTraceId() {
        return requestTraceId;
    }

    /** Whether {@code c} belongs to the creating request's trace rather than to the job's. */
    public boolean inRequestTrace(ConsumedEvent c) {
        return requestTraceId != null && requestTraceId.equals(c.event().traceId()) && c.event().jobId() == null;
    }

    public List<ConsumedEvent> events() {
        return events;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** When the first span began. */
    public long start() {
        return startOf(events.get(0));
    }

    /** When the last span ended. */
    public long end() {
        long end = Long.MIN_VALUE;
        for (ConsumedEvent c : events) end = Math.max(end, endOf(c));
        return end;
    }

    /** First start to last end. */
    public long durationMs() {
        return end() - start();
    }

    /** Services in the order they first appear. */
    public Set<String> services() {
        Set<String> out = new LinkedHashSet<>();
        for (ConsumedEvent c : events) out.add(c.event().service().isEmpty() ? "(no service)" : c.event().service());
        return out;
    }

    public long countIn(String stream) {
        return events.stream().filter(c -> c.stream().equals(stream)).count();
    }

    /** Job events whose trace id is not the job's: a writer that did not derive the trace from the job id. */
    public Map<String, Integer> otherTraceIds() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ConsumedEvent c : events) {
            if (!traceId.equals(c.event().traceId()) && !inRequestTrace(c)) out.merge(c.event().traceId(), 1, Integer::sum);
        }
        return out;
    }

    /** The last job.completed / job.failed decides; none means the job is still running (or its end was lost). */
    public Outcome outcome() {
        for (int i = events.size() - 1; i >= 0; i--) {
            String type = events.get(i).event().eventType();
            if (type.equals(JOB_COMPLETED)) return new Outcome("completed", events.get(i));
            if (type.equals(JOB_FAILED)) return new Outcome("failed", events.get(i));
        }
        return new Outcome("running", events.isEmpty() ? null : events.get(events.size() - 1));
    }

    /**
     * The seeds' findTimelineGaps: stretches longer than {@code thresholdMs} when nothing ran — from the latest end
     * of the spans so far to the next start ({@code before} is the event that ended last).
     */
    public List<Gap> gaps(long thresholdMs) {
        List<Gap> out = new ArrayList<>();
        if (events.isEmpty()) return out;
        ConsumedEvent latest = events.get(0);
        for (int i = 1; i < events.size(); i++) {
            ConsumedEvent c = events.get(i);
            long d = startOf(c) - endOf(latest);
            if (d > thresholdMs) out.add(new Gap(latest, c, d));
            if (endOf(c) >= endOf(latest)) latest = c;
        }
        return out;
    }

    /** Milliseconds from the timeline's start to the event's start. */
    public long offset(ConsumedEvent c) {
        return startOf(c) - start();
    }
}
