package io.emp.telemetry.collector.console.api;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.collector.console.action.ActionResult;
import io.emp.telemetry.collector.console.action.JobAction;
import io.emp.telemetry.collector.console.auth.ConsoleAuth;
import io.emp.telemetry.collector.console.live.StatusListener;
import io.emp.telemetry.collector.console.web.Http;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.Timeline;
import io.emp.telemetry.collector.inspect.TimelineJson;
import io.emp.telemetry.collector.inspect.TimeWindow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/jobs}: running jobs with their latest status, and recently finished ones.
 * {@code GET /api/jobs/{id}}: the job's timeline ({@link Timeline}, as {@code emp-collector timeline
 * --json} prints it) plus its live status and trace links. {@code POST /api/jobs/{id}/retry}: the
 * retry action, when actions are enabled.
 */
public final class JobsApi extends ApiHandler {
    static final String PREFIX = "/api/jobs";
    private static final int FINISHED_LIMIT = 50;

    private final JobAction retry;

    /** {@code retry} may be null: no actions. */
    public JobsApi(ConsoleContext ctx, JobAction retry) {
        super(ctx);
        this.retry = retry;
    }

    @Override
    Object get(HttpExchange ex, Map<String, String> q) throws IOException {
        String rest = Http.below(ex, PREFIX);
        if (rest.isEmpty()) return list(q);
        if (rest.contains("/")) {
            Http.error(ex, 404, "no such resource");
            return null;
        }
        return detail(ex, rest, q);
    }

    private Map<String, Object> list(Map<String, String> q) {
        TimeWindow window = ctx.window(q);
        StreamScanner scanner = ctx.scanner();
        JobList jobs = new JobList();
        scanner.backward(ctx.eventsStream(), false, window, c -> {
            jobs.add(c);
            return true;
        });
        scanner.backward(ctx.errorsStream(), true, window, c -> {
            jobs.add(c);
            return true;
        });
        List<Map<String, Object>> running = new ArrayList<>();
        for (JobList.Job j : jobs.running()) {
            Map<String, Object> m = j.json();
            m.put("status", liveStatus(j.jobId));
            running.add(m);
        }
        List<Map<String, Object>> finished = new ArrayList<>();
        for (JobList.Job j : jobs.finished(FINISHED_LIMIT)) finished.add(j.json());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("windowSince", window.sinceMs());
        out.put("running", running);
        out.put("finished", finished);
        out.put("truncated", scanner.truncated());
        return out;
    }

    private Object detail(HttpExchange ex, String jobId, Map<String, String> q) throws IOException {
        long gapMs = q.containsKey("gapMs") ? parseGap(q.get("gapMs")) : ctx.config().gapMs();
        StreamScanner scanner = ctx.scanner();
        Timeline t = Timeline.collect(scanner, ctx.eventsStream(), ctx.errorsStream(), jobId,
                q.containsKey("since") || q.containsKey("last") ? ctx.window(q) : TimeWindow.ALL);
        if (t.isEmpty()) {
            Http.error(ex, 404, "no events for job '" + jobId + "' in " + ctx.eventsStream() + " or " + ctx.errorsStream());
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(TimelineJson.of(t, gapMs));
        out.put("status", liveStatus(jobId));
        out.put("traceUrl", ctx.traceUrl(t.traceId()));
        out.put("requestTraceUrl", ctx.traceUrl(t.requestTraceId()));
        out.put("actions", Map.of("retry", retry != null && "failed".equals(t.outcome().state())));
        out.put("truncated", scanner.truncated());
        return out;
    }

    private static long parseGap(String v) {
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gapMs: not a number of milliseconds: " + v);
        }
    }

    /**
     * The freshest status of a job: the last message the console received on its channel, else the
     * {@code job:{id}:latest-status} key the agent keeps (for a console opened mid-job).
     */
    private Object liveStatus(String jobId) {
        StatusListener.Status s = ctx.status().latestForJob(jobId);
        if (s != null) return s;
        String stored = ctx.redis().get(StatusListener.latestStatusKey(jobId));
        if (stored == null) return null;
        return new StatusListener.Status(StatusListener.latestStatusKey(jobId), jobId, parse(stored), 0);
    }

    private static Object parse(String stored) {
        try {
            return Http.JSON.readTree(stored);
        } catch (IOException e) {
            return stored;
        }
    }

    @Override
    Object post(HttpExchange ex, Map<String, String> q) throws IOException {
        String rest = Http.below(ex, PREFIX);
        if (!rest.endsWith("/retry") || rest.indexOf('/') != rest.length() - "/retry".length()) {
            Http.error(ex, 404, "no such action");
            return null;
        }
        if (retry == null) {
            Http.error(ex, 403, "actions are off: they need collector.console.auth and collector.console.retry-function");
            return null;
        }
        if (!"1".equals(ex.getRequestHeaders().getFirst(ConsoleAuth.ACTION_HEADER))) {
            Http.error(ex, 403, "an action needs the header " + ConsoleAuth.ACTION_HEADER + ": 1");
            return null;
        }
        String jobId = rest.substring(0, rest.length() - "/retry".length());
        ActionResult r = retry.run(jobId, actor(ex));
        if (!r.ok()) {
            Http.json(ex, 502, r);
            return null;
        }
        return r;
    }

    private static String actor(HttpExchange ex) {
        Object user = ex.getAttribute(ConsoleAuth.USER_ATTRIBUTE);
        return user == null ? "anonymous" : user.toString();
    }
}
