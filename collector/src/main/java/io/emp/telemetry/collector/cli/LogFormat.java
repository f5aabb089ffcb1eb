package io.emp.telemetry.collector.cli;

/** One line per log record on stderr (JUL, which the OpenTelemetry SDK logs to as well). */
final class LogFormat {
    private LogFormat() {
    }

    static void install() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s - %5$s%6$s%n");
        }
    }
}
