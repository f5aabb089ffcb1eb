package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.inspect.StreamScanner;

import java.io.PrintWriter;

/** Tells the user on stderr when a scan was incomplete, so an empty or short answer is not misread. */
final class ScanNotes {
    private ScanNotes() {
    }

    static void print(PrintWriter err, StreamScanner scanner) {
        if (scanner.truncated()) {
            err.println("note: stopped after " + scanner.maxEntries() + " entries of a stream; older or newer entries were "
                    + "not read (narrow with --since/--until/--last or raise --scan-limit)");
        }
        if (scanner.malformed() > 0) {
            err.println("note: skipped " + scanner.malformed() + " entries that are not valid events (see the collector's "
                    + "dead-letter stream)");
        }
        err.flush();
    }
}
