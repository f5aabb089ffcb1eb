package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.health.Heartbeat;
import io.emp.telemetry.collector.inspect.EventText;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.StreamHealth;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.Style;
import io.emp.telemetry.collector.inspect.TimeWindow;
import io.emp.telemetry.collector.loss.StreamPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** Is the event pipeline healthy: streams, consumer groups, live collectors, services still sending. */
@Command(name = "health", sortOptions = false,
        description = {"Show streams, consumer groups, live collectors and each service's last event.",
                "Lengths, pending and lag per group, collectors from their heartbeat keys emp:collectors:*.",
                "Exit code: 0 healthy, 1 no collector alive or a group lags too far, 2 Redis or configuration error."})
final class HealthCommand implements Callable<Integer> {
    @Option(names = "--max-lag", paramLabel = "N",
            description = "unhealthy when a group lags more than N entries (default: collector.lag-warn-ratio × the stream's MAXLEN)")
    Long maxLag;

    @Option(names = "--sample", defaultValue = "1000", paramLabel = "N",
            description = "newest entries per stream read to find each service's last event (default ${DEFAULT-VALUE})")
    long sample;

    @Mixin
    RedisOptions redis;

    /** Per stream: entries trimmed before the collectors' group read them (lost; all time, as Redis counts). */
    private final Map<String, Long> trimmedUnread = new LinkedHashMap<>();

    /** A service's newest event in the sample. */
    private record Seen(long timestamp, String eventType) {
    }

    @Override
    public Integer call() {
        return redis.withRedis(this::run);
    }

    private int run(RedisSession session) {
        long now = System.currentTimeMillis();
        CollectorConfig cfg = redis.config();
        StreamHealth health = new StreamHealth(session.commands());
        List<StreamHealth.Stream> streams = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        trimmedUnread.clear();
        for (CollectorConfig.StreamConfig s : cfg.streams()) {
            long limit = maxLag != null ? maxLag : s.lagLimit(cfg.lagWarnRatio());
            StreamHealth.Stream st = withKnownLag(health, health.stream(s.stream()), limit);
            streams.add(st);
            boolean hasGroup = false;
            for (StreamHealth.Group g : st.groups()) {
                hasGroup |= g.name().equals(s.group());
                if (g.name().equals(s.group()) && g.lag() > limit) {
                    problems.add("group " + g.name() + " on " + s.stream() + " lags " + g.lag() + " entries (limit " + limit
                            + "): trimming will delete entries no collector has read");
                }
            }
            if (!hasGroup && st.length() > 0) problems.add("no consumer group " + s.group() + " on " + s.stream() + ": no collector ever read it");
            StreamPosition pos = StreamPosition.read(session.commands(), s.stream(), s.group());
            if (pos != null && pos.trimmedUnread() >= 0) trimmedUnread.put(s.stream(), pos.trimmedUnread());
        }
        List<Map<String, String>> collectors = health.collectors();
        if (collectors.isEmpty()) problems.add("no collector alive (no " + Heartbeat.KEY_PREFIX + "* heartbeat key)");
        Map<String, Seen> services = lastEventPerService(session, cfg);

        if (redis.json) {
            redis.printJson(json(session, streams, collectors, services, problems, now));
        } else {
            print(redis.out(), redis.style(), session, streams, collectors, services, problems, now);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    /** Groups whose lag Redis cannot tell get it counted (exact up to 10 000 or just past the limit: the check stays cheap). */
    private static StreamHealth.Stream withKnownLag(StreamHealth health, StreamHealth.Stream st, long limit) {
        List<StreamHealth.Group> groups = new ArrayList<>();
        for (StreamHealth.Group g : st.groups()) {
            groups.add(g.lag() >= 0 ? g : new StreamHealth.Group(g.name(), g.consumers(), g.pending(),
                    health.countAfter(st.name(), g.lastDeliveredId(), Math.max(limit + 1, 10_000)), g.lastDeliveredId()));
        }
        return new StreamHealth.Stream(st.name(), st.length(), st.newestId(), groups);
    }

    private Map<String, Seen> lastEventPerService(RedisSession session, CollectorConfig cfg) {
        Map<String, Seen> out = new TreeMap<>();
        StreamScanner scanner = new StreamScanner(session.commands(), sample);
        for (CollectorConfig.StreamConfig s : cfg.streams()) {
            scanner.backward(s.stream(), s.errors(), TimeWindow.ALL, (ConsumedEvent c) -> {
                String service = c.event().service().isEmpty() ? "(no service)" : c.event().service();
                Seen seen = out.get(service);
                if (seen == null || seen.timestamp() < c.event().timestamp()) {
                    out.put(service, new Seen(c.event().timestamp(), c.event().eventType()));
                }
                return true;
            });
        }
        return out;
    }

    private void print(PrintWriter out, Style style, RedisSession session, List<StreamHealth.Stream> streams,
                       List<Map<String, String>> collectors, Map<String, Seen> services, List<String> problems, long now) {
        out.println(style.bold("Redis " + session.where()));
        out.println();
        out.println("Streams");
        for (StreamHealth.Stream s : streams) {
            out.println("  " + EventText.pad(s.name(), 14) + " length " + s.length() + "   newest entry "
                    + (s.newestId() == null ? "-" : EventText.age(now - s.newestMs()) + " ago"));
            for (StreamHealth.Group g : s.groups()) {
                out.println("    group " + EventText.pad(g.name(), 22) + " consumers " + g.consumers() + "  pending "
                        + g.pending() + "  lag " + (g.lag() < 0 ? "unknown" : g.lag()));
            }
            Long lost = trimmedUnread.get(s.name());
            if (lost != null && lost > 0) {
                out.println("    " + style.red("lost: " + lost + " entries trimmed before the collectors read them"));
            }
        }
        out.println();
        out.println("Collectors alive (" + Heartbeat.KEY_PREFIX + "*)");
        if (collectors.isEmpty()) out.println("  " + style.red("none"));
        for (Map<String, String> c : collectors) {
            out.println("  " + c.getOrDefault("consumer", "?") + "  pid " + c.getOrDefault("pid", "?") + "  last seen "
                    + ago(c.get("lastSeen"), now) + "  up " + EventText.age(now - parse(c.get("startedAt"), now))
                    + "  consumed " + c.getOrDefault("consumed", "?") + "  exported " + c.getOrDefault("exported", "?")
                    + "  lost " + c.getOrDefault("lost", "?")
                    + "  exporters " + c.getOrDefault("exporters", "?"));
        }
        out.println();
        out.println("Services (newest " + sample + " entries per stream)");
        if (services.isEmpty()) out.println("  none");
        services.forEach((name, seen) -> out.println("  " + EventText.pad(name, 20) + " last event "
                + EventText.age(now - seen.timestamp()) + " ago (" + seen.eventType() + ")"));
        out.println();
        if (problems.isEmpty()) {
            out.println("Status: " + style.green("OK"));
        } else {
            out.println("Status: " + style.red("UNHEALTHY"));
            for (String p : problems) out.println("  - " + p);
        }
        out.flush();
    }

    private Map<String, Object> json(RedisSession session, List<StreamHealth.Stream> streams, List<Map<String, String>> collectors,
                                     Map<String, Seen> services, List<String> problems, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", problems.isEmpty() ? "ok" : "unhealthy");
        m.put("problems", problems);
        m.put("redis", session.where());
        m.put("streams", streams);
        m.put("collectors", collectors);
        m.put("trimmedUnread", trimmedUnread);
        Map<String, Object> svc = new LinkedHashMap<>();
        services.forEach((name, seen) -> svc.put(name, Map.of("lastEventAt", seen.timestamp(), "lastEventAgeMs",
                now - seen.timestamp(), "lastEventType", seen.eventType())));
        m.put("services", svc);
        return m;
    }

    private static String ago(String epochMs, long now) {
        return epochMs == null ? "?" : EventText.age(now - parse(epochMs, now)) + " ago";
    }

    private static long parse(String epochMs, long fallback) {
        try {
            return epochMs == null ? fallback : Long.parseLong(epochMs);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
