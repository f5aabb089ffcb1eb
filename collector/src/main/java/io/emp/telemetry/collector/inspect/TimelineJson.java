package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.file.EventJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timeline as one JSON object: events in start order in the JSON-lines shape of the file exporter plus their start and offset. */
public final class TimelineJson {
    private TimelineJson() {
    }

    public static Map<String, Object> of(Timeline t, long gapMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", t.jobId());
        m.put("traceId", t.traceId());
        m.put("requestTraceId", t.requestTraceId());
        m.put("otherTraceIds", t.otherTraceIds());
        m.put("services", List.copyOf(t.services()));
        m.put("start", t.start());
        m.put("durationMs", t.durationMs());
        Timeline.Outcome o = t.outcome();
        m.put("outcome", o.state());
        m.put("outcomeEntryId", o.event().entryId());
        List<Map<String, Object>> events = new ArrayList<>();
        for (ConsumedEvent c : t.events()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("offsetMs", t.offset(c));
            e.put("startMs", Timeline.startOf(c));
            e.put("requestTrace", t.inRequestTrace(c));
            e.putAll(EventJson.of(c));
            events.add(e);
        }
        m.put("events", events);
        List<Map<String, Object>> gaps = new ArrayList<>();
        for (Timeline.Gap g : t.gaps(gapMs)) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("millis", g.millis());
            gm.put("beforeEntryId", g.before().entryId());
            gm.put("beforeEventType", g.before().event().eventType());
            gm.put("afterEntryId", g.after().entryId());
            gm.put("afterEventType", g.after().event().eventType());
            gaps.add(gm);
        }
        m.put("gapThresholdMs", gapMs);
        m.put("gaps", gaps);
        return m;
    }
}
