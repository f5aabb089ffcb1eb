package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.TimeWindow;
import io.emp.telemetry.collector.inspect.Timeline;
import io.emp.telemetry.collector.inspect.TimelineJson;
import io.emp.telemetry.collector.inspect.TimelineText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** Every event of one job across services and both streams, in time order, with outcome and gaps. */
@Command(name = "timeline", sortOptions = false,
        description = {"Show one job's events from both streams in time order, with its outcome and gaps.",
                "Header: trace id, services, duration, outcome (completed / failed / still running);",
                "then one row per event; then the gaps between consecutive events longer than --gap-ms.",
                "Exit code: 0 events found, 1 none, 2 Redis or configuration error."})
final class TimelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job id (the jobId field of the events)")
    String jobId;

    @Option(names = "--gap-ms", defaultValue = "1000", paramLabel = "MS",
            description = "report consecutive events further apart than this (default ${DEFAULT-VALUE})")
    long gapMs;

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
        Timeline t = Timeline.collect(scanner, redis.eventsStream(), redis.errorsStream(), jobId, window);
        ScanNotes.print(redis.err(), scanner);
        if (t.isEmpty()) {
            redis.err().println("timeline: no events for job '" + jobId + "' in " + redis.eventsStream() + " or "
                    + redis.errorsStream() + " at " + session.where() + " (" + scanner.scanned() + " entries read"
                    + time.describe() + ")");
            redis.err().flush();
            return 1;
        }
        if (redis.json) {
            redis.printJson(TimelineJson.of(t, gapMs));
        } else {
            new TimelineText(redis.out(), redis.style(), System.currentTimeMillis())
                    .print(t, redis.eventsStream(), redis.errorsStream(), gapMs);
        }
        return 0;
    }
}
