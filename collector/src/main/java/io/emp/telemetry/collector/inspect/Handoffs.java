package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a job passed from one part of the system to the next, and how long that took: API → queue → worker →
 * connector, and back through the queue on a retry. The timeline's events (start order) are cut into runs of one
 * actor — a service, or a service's connector ({@code connector.*} events) — and every {@code job.claimed} starts a
 * new run, because the job arrives there from the queue. Between two runs: the event of the earlier run that ended
 * last before the later run began (for the queue: {@code job.created} when the run has it — the job entered the
 * queue then, even if the HTTP request around it ended later), and the later run's first event; the latency is the
 * time between them.
 */
public final class Handoffs {
    static final String CLAIMED = "job.claimed";

    /** One handoff: {@code via} is {@code queue} when the job waited for a worker, else {@code call}. */
    public record Handoff(String fromActor, ConsumedEvent from, String toActor, ConsumedEvent to, String via, long latencyMs) {
    }

    private Handoffs() {
    }

    public static List<Handoff> of(Timeline t) {
        List<List<ConsumedEvent>> runs = new ArrayList<>();
        String actor = null;
        for (ConsumedEvent c : t.events()) {
            String a = actor(c);
            if (runs.isEmpty() || !a.equals(actor) || c.event().eventType().equals(CLAIMED)) runs.add(new ArrayList<>());
            runs.get(runs.size() - 1).add(c);
            actor = a;
        }
        List<Handoff> out = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            ConsumedEvent to = runs.get(i).get(0);
            String via = to.event().eventType().equals(CLAIMED) ? "queue" : "call";
            ConsumedEvent created = via.equals("queue") ? created(runs.get(i - 1)) : null;
            ConsumedEvent from = created != null ? created : lastEndedBefore(runs.get(i - 1), Timeline.startOf(to));
            out.add(new Handoff(actor(from), from, actor(to), to, via, Timeline.startOf(to) - Timeline.endOf(from)));
        }
        return out;
    }

    /** The actor an event belongs to: its service, or {@code service connector} for the connector's events. */
    public static String actor(ConsumedEvent c) {
        String service = c.event().service().isEmpty() ? "(no service)" : c.event().service();
        return c.event().eventType().startsWith("connector.") ? service + " connector" : service;
    }

    private static ConsumedEvent created(List<ConsumedEvent> run) {
        for (int i = run.size() - 1; i >= 0; i--) {
            if (run.get(i).event().eventType().equals(Timeline.JOB_CREATED)) return run.get(i);
        }
        return null;
    }

    private static ConsumedEvent lastEndedBefore(List<ConsumedEvent> run, long start) {
        ConsumedEvent best = null;
        ConsumedEvent latest = run.get(0);
        for (ConsumedEvent c : run) {
            if (Timeline.endOf(c) <= start && (best == null || Timeline.endOf(c) >= Timeline.endOf(best))) best = c;
            if (Timeline.endOf(c) >= Timeline.endOf(latest)) latest = c;
        }
        return best != null ? best : latest;
    }
}
