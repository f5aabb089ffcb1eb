package io.emp.telemetry.collector.reactions.delivery;

import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.reactions.actions.Action;
import io.emp.telemetry.collector.reactions.actions.ActionRuntime;
import io.emp.telemetry.collector.reactions.actions.Step;
import io.emp.telemetry.collector.reactions.classify.Failure;
import io.emp.telemetry.collector.reactions.file.Reaction;
import io.emp.telemetry.collector.reactions.file.ReactionsFile;
import io.emp.telemetry.collector.reactions.match.Condition;
import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.metrics.ReactionStats;
import io.emp.telemetry.collector.reactions.template.Template;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Runs every matching reaction of one event: each action once (idempotency record), retried with back-off up to
 * its attempts; an action that still fails dead-letters the entry with the reason and ends its reaction. Each
 * reaction that ran is recorded as {@code reaction.executed} (with the classification), each failure as
 * {@code reaction.failed}, both in the job's trace.
 */
public final class ReactionRunner {
    private static final Logger LOG = Logger.getLogger(ReactionRunner.class.getName());
    public static final String EXECUTED = "reaction.executed";
    public static final String FAILED = "reaction.failed";

    private final ReactionsFile file;
    private final DerivedEvents events;
    private final ReactionStats stats;

    public ReactionRunner(ReactionsFile file, DerivedEvents events, ReactionStats stats) {
        this.file = file;
        this.events = events;
        this.stats = stats;
    }

    public ReactionsFile file() {
        return file;
    }

    /** The context of one event, with its failure classified. */
    public EventContext context(TelemetryEvent e, String stream, String entryId) {
        return new EventContext(e, stream, entryId, file.classifier().classify(e), null, System.currentTimeMillis());
    }

    /** Reactions whose {@code on}, {@code service} and {@code where} match. */
    public List<Reaction> matching(EventContext ctx, String onlyReaction) {
        List<Reaction> out = new ArrayList<>();
        for (Reaction r : file.reactions()) {
            if ((onlyReaction == null || onlyReaction.equals(r.id())) && r.matches(ctx)) out.add(r);
        }
        return out;
    }

    /** What each matching reaction would do, one line per action (nothing is run). */
    public List<String> plan(EventContext base, Reaction r) {
        EventContext ctx = base.forReaction(r.id());
        List<String> out = new ArrayList<>();
        for (Action a : r.actions()) {
            if (!Condition.all(a.when(), ctx)) {
                out.add(a.id() + ": skipped (when)");
                continue;
            }
            try {
                out.add(a.id() + ": " + a.planner().plan(ctx).describe());
            } catch (Template.MissingValue e) {
                out.add(a.id() + ": skipped (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** Runs the matching reactions of an event; false when stopped before finishing (the entry stays pending). */
    public boolean run(EventContext base, String onlyReaction, ActionRuntime rt, BooleanSupplier running)
            throws InterruptedException {
        for (Reaction r : matching(base, onlyReaction)) {
            if (!runReaction(r, base.forReaction(r.id()), rt, running)) return false;
        }
        return true;
    }

    private boolean runReaction(Reaction r, EventContext ctx, ActionRuntime rt, BooleanSupplier running)
            throws InterruptedException {
        ReactionStats.Counters c = stats.reaction(r.id());
        c.matched.increment();
        List<String> ran = new ArrayList<>();
        for (Action a : r.actions()) {
            if (!Condition.all(a.when(), ctx)) continue;
            Step step;
            try {
                step = a.planner().plan(ctx);
            } catch (Template.MissingValue e) {
                c.skipped.increment();
                continue;
            }
            String marker = Idempotency.key(r.id(), ctx.entryId(), a.id());
            Backoff backoff = a.retry().backoff();
            for (int attempt = 0; ; attempt++) {
                try {
                    step.run(rt, marker);
                    ran.add(a.id());
                    break;
                } catch (Exception ex) {
                    if (ex instanceof InterruptedException ie) throw ie;
                    String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
                    if (attempt + 1 >= a.retry().attempts()) {
                        fail(r, a, ctx, rt, reason, attempt + 1);
                        c.failed.increment();
                        c.deadLettered.increment();
                        return true;
                    }
                    c.retried.increment();
                    if (attempt == 0) LOG.warning("reaction " + r.id() + " action " + a.id() + " failed (will retry): " + reason);
                    Thread.sleep(backoff.delay(attempt, null).toMillis());
                    if (!running.getAsBoolean()) return false;
                }
            }
        }
        c.latency(Math.max(0, System.currentTimeMillis() - ctx.event().timestamp()));
        TelemetryEvent.Builder done = events.derive(EXECUTED, ctx).attribute("reaction.actions", String.join(",", ran));
        withFailure(done, ctx.failure());
        writeOnce(rt, Idempotency.key(r.id(), ctx.entryId(), "executed"), List.of(events.xadd(done.build())));
        c.executed.increment();
        return true;
    }

    private void fail(Reaction r, Action a, EventContext ctx, ActionRuntime rt, String reason, int attempts) {
        LOG.warning("reaction " + r.id() + " action " + a.id() + " failed after " + attempts + " attempts; entry "
                + ctx.entryId() + " dead-lettered to " + file.settings().deadletterStream() + ": " + reason);
        List<String> dl = new ArrayList<>(List.of("XADD", file.settings().deadletterStream(), "MAXLEN", "~", "100000", "*",
                "deadletter.reason", reason, "deadletter.reaction", r.id(), "deadletter.action", a.id(),
                "deadletter.kind", a.kind(), "deadletter.attempts", Integer.toString(attempts),
                "deadletter.stream", ctx.stream(), "deadletter.id", ctx.entryId(),
                "deadletter.at", Long.toString(System.currentTimeMillis())));
        for (Map.Entry<String, String> f : EventCodec.encode(ctx.event()).entrySet()) {
            dl.add(f.getKey());
            dl.add(f.getValue());
        }
        TelemetryEvent.Builder failed = events.derive(FAILED, ctx).attribute("reaction.action", a.id())
                .attribute("reaction.error", reason).attribute("reaction.attempts", attempts);
        withFailure(failed, ctx.failure());
        try {
            writeOnce(rt, Idempotency.key(r.id(), ctx.entryId(), a.id() + ":failed"), List.of(dl, events.xadd(failed.build())));
        } catch (RuntimeException e) {
            LOG.warning("could not dead-letter entry " + ctx.entryId() + " of reaction " + r.id() + ": " + e);
            throw e;
        }
    }

    private static void withFailure(TelemetryEvent.Builder b, Failure f) {
        if (f == null) return;
        b.attribute("failure.category", f.category()).attribute("failure.recoverable", f.recoverable())
                .attribute("failure.retry", f.retry()).attribute("failure.rule", f.rule());
        if (f.retry()) b.attribute("failure.delayMs", f.delayMs());
    }

    private static void writeOnce(ActionRuntime rt, String marker, List<List<String>> commands) {
        rt.idempotency().redisOnce(marker, commands);
    }
}
