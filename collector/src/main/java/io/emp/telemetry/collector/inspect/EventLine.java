package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.TelemetryEvent;

/** One event on one line (search, tail): time, service, type, job, duration and short details. */
public final class EventLine {
    private static final int DETAILS_CHARS = 120;

    private EventLine() {
    }

    public static String format(ConsumedEvent c, Style style) {
        TelemetryEvent e = c.event();
        boolean error = e.isError() || c.fromErrorStream();
        StringBuilder sb = new StringBuilder();
        sb.append(EventText.dateTime(e.timestamp())).append("  ")
                .append(EventText.pad(EventText.cut(e.service(), 20), 12)).append("  ")
                .append(EventText.pad(EventText.cut(e.eventType(), 40), 30));
        if (e.jobId() != null) sb.append("  job=").append(e.jobId());
        String duration = EventText.duration(e);
        if (!duration.isEmpty()) sb.append("  ").append(duration);
        String details = EventText.details(e, style, DETAILS_CHARS);
        if (!details.isEmpty()) sb.append("  ").append(details);
        String line = error ? style.red("! " + sb) : "  " + sb;
        String stack = EventText.stack(e, style, "      ");
        return stack.isEmpty() ? line : line + System.lineSeparator() + stack.stripTrailing();
    }
}
