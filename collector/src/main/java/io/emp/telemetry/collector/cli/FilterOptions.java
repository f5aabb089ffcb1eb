package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.inspect.EventFilter;
import picocli.CommandLine.Option;

/** Event criteria shared by {@code search} and {@code tail}. */
final class FilterOptions {
    @Option(names = "--job", paramLabel = "JOB_ID", description = "job id, exact or glob (job-7f*)")
    String job;

    @Option(names = "--service", paramLabel = "NAME", description = "service name, exact or glob (api-*)")
    String service;

    @Option(names = "--type", paramLabel = "TYPE", description = "event type: substring (failed) or glob (connector.*_failed)")
    String type;

    @Option(names = "--trace", paramLabel = "TRACE_ID", description = "trace id, or a prefix of it")
    String trace;

    @Option(names = "--errors", description = "only the errors stream")
    boolean errors;

    EventFilter filter() {
        return new EventFilter(job, service, type, trace, errors);
    }
}
