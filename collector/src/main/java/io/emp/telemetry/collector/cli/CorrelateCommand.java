package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.inspect.EventText;
import io.emp.telemetry.collector.inspect.Handoffs;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.Style;
import io.emp.telemetry.collector.inspect.TimeWindow;
import io.emp.telemetry.collector.inspect.Timeline;
import io.emp.telemetry.schema.Attributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** The handoffs of one job between services (API → queue → worker → connector) with their latency. */
@Command(name = "correlate", sortOptions = false,
        description = {"List where a job passed between services and how long each handoff took:",
                "API → queue → worker → connector, and through the queue again on a retry.",
                "The argument is a job id, the job's trace id, or the trace id of the request that created it.",
                "Exit code: 0 found, 1 no such job or trace, 2 Redis or configuration error."})
final class CorrelateCommand implements Callable<Integer> {
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    @Parameters(index = "0", paramLabel = "JOB_ID|TRACE_ID", description = "a job id, or a 32-hex trace id")
    String id;

    @Mixin
    TimeOptions time;

    @Mixin
    ScanLimit scanLimit;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() {
        TimeWindow window = time.window();
        return redis.withRedis(session -> run(session, window));
    }

    private int run(RedisSession session, TimeWindow window) {
        StreamScanner scanner = new StreamScanner(session.commands(), scanLimit.value);
        String jobId = TRACE_ID.matcher(id).matches() ? jobOfTrace(scanner, window) : id;
        Timeline t = jobId == null ? null : Timeline.collect(scanner, redis.eventsStream(), redis.errorsStream(), jobId, window);
        ScanNotes.print(redis.err(), scanner);
        if (t == null || t.isEmpty()) {
            redis.err().println("correlate: no job " + (jobId == null ? "in trace '" + id + "'" : "'" + jobId + "'") + " in "
                    + redis.eventsStream() + " or " + redis.errorsStream() + " at " + session.where() + " ("
                    + scanner.scanned() + " entries read" + time.describe() + ")");
            redis.err().flush();
            return 1;
        }
        List<Handoffs.Handoff> handoffs = Handoffs.of(t);
        if (redis.json) redis.printJson(json(t, handoffs));
        else print(redis.out(), redis.style(), t, handoffs);
        return 0;
    }

    /** The job of a trace: an event of the trace that names its job, or the job.created that links to the trace. */
    private String jobOfTrace(StreamScanner scanner, TimeWindow window) {
        String[] job = {null};
        java.util.function.Predicate<ConsumedEvent> find = c -> {
            if (id.equals(c.event().traceId()) && c.event().jobId() != null) job[0] = c.event().jobId();
            else if (c.event().eventType().equals(Timeline.JOB_CREATED) && id.equals(c.event().data().get(Attributes.LINK_TRACE_ID))) {
                job[0] = c.event().jobId();
            }
            return job[0] == null;
        };
        scanner.backward(redis.eventsStream(), false, window, find);
        if (job[0] == null) scanner.backward(redis.errorsStream(), true, window, find);
        return job[0];
    }

    private static void print(PrintWriter out, Style style, Timeline t, List<Handoffs.Handoff> handoffs) {
        out.println(style.bold("Job " + t.jobId()) + "  trace " + t.traceId()
                + (t.requestTraceId() == null ? "" : "  (created by request trace " + t.requestTraceId() + ")"));
        out.println("  path      " + path(t, handoffs));
        out.println("  started   " + EventText.dateTime(t.start()) + ", " + EventText.millis(t.durationMs()) + " in all, outcome "
                + t.outcome().state());
        out.println();
        if (handoffs.isEmpty()) {
            out.println("No handoff: every event is from " + Handoffs.actor(t.events().get(0)) + ".");
            out.flush();
            return;
        }
        int w = 10;
        for (Handoffs.Handoff h : handoffs) w = Math.max(w, h.fromActor().length() + h.toActor().length() + 3);
        out.println(style.dim("  " + EventText.padLeft("+ms", 7) + "  " + EventText.pad("handoff", w + 8) + "  "
                + EventText.padLeft("latency", 8) + "  from event → to event"));
        for (Handoffs.Handoff h : handoffs) {
            String arrow = h.via().equals("queue") ? " → queue → " : " → ";
            out.println("  " + EventText.padLeft("+" + t.offset(h.to()), 7) + "  "
                    + EventText.pad(h.fromActor() + arrow + h.toActor(), w + 8) + "  "
                    + EventText.padLeft(EventText.millis(h.latencyMs()), 8) + "  "
                    + h.from().event().eventType() + " → " + h.to().event().eventType() + attempt(h.to()));
        }
        out.flush();
    }

    private static String attempt(ConsumedEvent c) {
        Object a = c.event().data().get("attempt");
        return a == null ? "" : " (attempt " + a + ")";
    }

    private static String path(Timeline t, List<Handoffs.Handoff> handoffs) {
        StringBuilder sb = new StringBuilder(Handoffs.actor(t.events().get(0)));
        for (Handoffs.Handoff h : handoffs) sb.append(h.via().equals("queue") ? " → queue → " : " → ").append(h.toActor());
        return sb.toString();
    }

    private static Map<String, Object> json(Timeline t, List<Handoffs.Handoff> handoffs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", t.jobId());
        m.put("traceId", t.traceId());
        m.put("requestTraceId", t.requestTraceId());
        m.put("start", t.start());
        m.put("durationMs", t.durationMs());
        m.put("outcome", t.outcome().state());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Handoffs.Handoff h : handoffs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("from", h.fromActor());
            e.put("fromEventType", h.from().event().eventType());
            e.put("fromEntryId", h.from().entryId());
            e.put("to", h.toActor());
            e.put("toEventType", h.to().event().eventType());
            e.put("toEntryId", h.to().entryId());
            e.put("via", h.via());
            e.put("latencyMs", h.latencyMs());
            e.put("offsetMs", t.offset(h.to()));
            list.add(e);
        }
        m.put("handoffs", list);
        return m;
    }
}
