package io.emp.telemetry.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar emp-collector.jar <command>}; room for later commands (search, tail, timeline, health). */
@Command(name = "emp-collector", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Consumes EMP telemetry streams from Redis and exports them (OTLP, JSON-lines file, console).",
        subcommands = {RunCommand.class, VersionCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class CollectorCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogFormat.install();
        System.exit(new CommandLine(new CollectorCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
