package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.inspect.TimeSpec;
import io.emp.telemetry.collector.inspect.TimeWindow;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --since}, {@code --until}, {@code --last}: bound a scan by time, through the stream ids. */
final class TimeOptions {
    @Option(names = "--since", paramLabel = "TIME",
            description = "only entries stored at or after TIME: a duration ago (15m, 1h, 7d), an ISO-8601 time or epoch ms")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "only entries stored at or before TIME (same forms as --since)")
    String until;

    @Option(names = "--last", paramLabel = "DURATION", description = "only the last DURATION (15m, 1h …); same as --since DURATION")
    String last;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    TimeWindow window() {
        long now = System.currentTimeMillis();
        try {
            Long from = since == null ? null : TimeSpec.parse(since, now);
            if (last != null) {
                long l = now - TimeSpec.duration(last).toMillis();
                from = from == null ? l : Math.max(from, l);
            }
            Long to = until == null ? null : TimeSpec.parse(until, now);
            return new TimeWindow(from, to);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        if (since != null) sb.append(", since ").append(since);
        if (last != null) sb.append(", last ").append(last);
        if (until != null) sb.append(", until ").append(until);
        return sb.toString();
    }
}
