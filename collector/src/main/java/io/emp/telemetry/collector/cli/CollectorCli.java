package io.emp.telemetry.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar emp-collector.jar <command>}: the collector itself and the debugging commands that read the streams. */
@Command(name = "emp-collector", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Consumes EMP telemetry streams from Redis and exports them (OTLP, JSON-lines file, console).",
                "timeline, search, tail, health, errors and perf read the streams directly, for debugging."},
        subcommands = {RunCommand.class, TimelineCommand.class, SearchCommand.class, TailCommand.class,
                HealthCommand.class, ErrorsCommand.class, PerfCommand.class, VersionCommand.class, BenchCommand.class,
                ConsoleCommand.class,
                CommandLine.HelpCommand.class})
public final class CollectorCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogFormat.install();
        System.exit(commandLine().execute(args));
    }

    /** The command tree, as {@link #main} runs it (tests run it in-process with their own out/err). */
    public static CommandLine commandLine() {
        return new CommandLine(new CollectorCli());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
