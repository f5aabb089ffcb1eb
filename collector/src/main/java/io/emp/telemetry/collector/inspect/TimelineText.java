package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The timeline as a plain-text table for a terminal (colour only through {@link Style}): rows in start order with
 * their duration and a bar per span on a common time axis (a text waterfall), then the gaps.
 */
public final class TimelineText {
    private static final int DETAILS_CHARS = 100;
    /** Characters of the waterfall column. */
    static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final Style style;
    private final long nowMs;

    public TimelineText(PrintWriter out, Style style, long nowMs) {
        this.out = out;
        this.style = style;
        this.nowMs = nowMs;
    }

    public void print(Timeline t, String eventsStream, String errorsStream, long gapMs) {
        header(t, eventsStream, errorsStream);
        table(t);
        gaps(t, gapMs);
        out.flush();
    }

    private void header(Timeline t, String eventsStream, String errorsStream) {
        out.println(style.bold("Job " + t.jobId()));
        out.println("  trace     " + t.traceId());
        if (t.requestTraceId() != null) {
            out.println("  request   trace " + t.requestTraceId() + " (the request that created the job; its rows are marked [request])");
        }
        Map<String, Integer> others = t.otherTraceIds();
        for (Map.Entry<String, Integer> o : others.entrySet()) {
            out.println("  " + style.yellow("warning: " + o.getValue() + " event(s) carry trace " + o.getKey()
                    + ", not the job's trace"));
        }
        out.println("  services  " + String.join(" → ", t.services()));
        out.println("  events    " + t.events().size() + " (" + t.countIn(eventsStream) + " in " + eventsStream + ", "
                + t.countIn(errorsStream) + " in " + errorsStream + ")");
        out.println("  started   " + EventText.dateTime(t.start()) + " " + EventText.DATE_TIME.getZone().getId());
        out.println("  duration  " + EventText.millis(t.durationMs()) + " (first start to last end)");
        out.println("  outcome   " + outcome(t));
        out.println();
    }

    private String outcome(Timeline t) {
        Timeline.Outcome o = t.outcome();
        String at = " at +" + t.offset(o.event()) + "ms";
        return switch (o.state()) {
            case "completed" -> style.green("completed") + " (" + o.event().event().eventType() + at + ")";
            case "failed" -> style.red("FAILED") + " (" + o.event().event().eventType() + at
                    + failureReason(o.event().event()) + ")";
            default -> style.yellow("still running") + " (no job.completed or job.failed yet; last event "
                    + o.event().event().eventType() + " " + EventText.millis(Math.max(0, nowMs - o.event().event().timestamp()))
                    + " ago)";
        };
    }

    /** The error of the failure if the event names one, else its attributes. */
    private String failureReason(TelemetryEvent e) {
        if (e.isError()) return ": " + EventText.details(e, style, 100);
        for (String key : new String[]{"error", Attributes.ERROR_TYPE, "reason"}) {
            Object v = e.data().get(key);
            if (v != null) return ": " + key + "=" + EventText.cut(String.valueOf(v), style.limit(100));
        }
        String details = EventText.details(e, style, 80);
        return details.isEmpty() ? "" : ": " + details;
    }

    private void table(Timeline t) {
        List<ConsumedEvent> events = t.events();
        int offsetW = Math.max(6, ("+" + t.durationMs()).length());
        int serviceW = 7;
        int typeW = 5;
        int durW = 8;
        for (ConsumedEvent c : events) {
            serviceW = Math.max(serviceW, Math.min(20, c.event().service().length()));
            typeW = Math.max(typeW, Math.min(40, c.event().eventType().length()));
            durW = Math.max(durW, EventText.duration(c.event()).length());
        }
        String head = "  " + EventText.padLeft("+ms", offsetW) + "  " + EventText.pad("start", 12) + "  "
                + EventText.pad("service", serviceW) + "  " + EventText.pad("event", typeW) + "  "
                + EventText.padLeft("duration", durW) + "  " + EventText.pad("waterfall", BAR_WIDTH + 2) + "  details";
        out.println(style.dim(head));
        for (ConsumedEvent c : events) {
            TelemetryEvent e = c.event();
            boolean error = e.isError() || c.fromErrorStream();
            String line = EventText.padLeft("+" + t.offset(c), offsetW) + "  " + EventText.time(Timeline.startOf(c)) + "  "
                    + EventText.pad(EventText.cut(e.service(), style.limit(20)), serviceW) + "  "
                    + EventText.pad(EventText.cut(e.eventType(), style.limit(40)), typeW) + "  "
                    + EventText.padLeft(EventText.duration(e), durW) + "  "
                    + bar(t.offset(c), Timeline.durationMs(c), t.durationMs()) + "  "
                    + (t.inRequestTrace(c) ? "[request] " : "") + EventText.details(e, style, DETAILS_CHARS);
            out.println(error ? style.red("! " + line) : "  " + line);
            String stack = EventText.stack(e, style, "      ");
            if (!stack.isEmpty()) out.print(stack);
        }
        out.println();
    }

    /**
     * One span on the timeline's axis: {@code =} from its start for its duration, {@code |} for an event without a
     * duration; at least one character, so a 0.1 ms call is visible.
     */
    static String bar(long offsetMs, double durationMs, long totalMs) {
        char[] cells = new char[BAR_WIDTH];
        java.util.Arrays.fill(cells, ' ');
        double scale = totalMs <= 0 ? 0 : (double) BAR_WIDTH / totalMs;
        int from = Math.min(BAR_WIDTH - 1, (int) Math.floor(offsetMs * scale));
        if (durationMs <= 0) {
            cells[from] = '|';
        } else {
            int to = Math.min(BAR_WIDTH, Math.max(from + 1, (int) Math.ceil((offsetMs + durationMs) * scale)));
            for (int i = from; i < to; i++) cells[i] = '=';
        }
        return "[" + new String(cells) + "]";
    }

    private void gaps(Timeline t, long gapMs) {
        List<Timeline.Gap> gaps = t.gaps(gapMs);
        if (gaps.isEmpty()) {
            out.println("No gaps longer than " + gapMs + "ms.");
            return;
        }
        out.println(style.yellow(gaps.size() + " gap(s) longer than " + gapMs + "ms:"));
        for (Timeline.Gap g : gaps) {
            out.println("  " + EventText.millis(g.millis()) + " between the end of " + describe(g.before()) + " (+"
                    + (Timeline.endOf(g.before()) - t.start()) + "ms) and +" + t.offset(g.after()) + "ms " + describe(g.after()));
        }
    }

    private static String describe(ConsumedEvent c) {
        return c.event().service() + " " + c.event().eventType();
    }
}
