package io.emp.telemetry.collector.cli;

/** Runs the CLI in-process for tests in other packages. */
public final class CliAccess {
    private CliAccess() {
    }

    public record Result(int exit, String out, String err) {
    }

    public static Result run(String... args) {
        CliRun r = CliRun.of(args);
        return new Result(r.exit(), r.out(), r.err());
    }
}
