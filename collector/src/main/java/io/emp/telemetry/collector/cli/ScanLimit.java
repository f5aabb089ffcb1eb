package io.emp.telemetry.collector.cli;

import picocli.CommandLine.Option;

/** {@code --scan-limit}: how many entries a command reads per stream at most, so a huge stream cannot make it hang. */
final class ScanLimit {
    @Option(names = "--scan-limit", defaultValue = "200000", paramLabel = "N",
            description = "read at most N entries per stream (default ${DEFAULT-VALUE}); narrow with --since/--last")
    long value;
}
