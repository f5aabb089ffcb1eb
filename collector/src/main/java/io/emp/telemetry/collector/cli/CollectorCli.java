package io.emp.telemetry.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar emp-collector.jar <command>} (or {@code bin/emp-events <command>}): the collector itself and the
 * debugging commands that read the streams.
 *
 * <p>CLI conventions every subcommand gets without doing anything: {@code -h/--help} and {@code -V/--version}
 * (inherited from here, {@code scope = INHERIT}), exit code 2 for a usage error (picocli's default) and for Redis or
 * configuration problems. Commands that talk to Redis add the {@link RedisOptions} mixin ({@code --redis},
 * {@code -c/--config}, {@code --json}, {@code --full}, {@code --color}); see docs/cli.md "Writing a command".
 */
@Command(name = "emp-collector", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        scope = ScopeType.INHERIT,
        description = {"Consumes EMP telemetry streams from Redis and exports them (OTLP, JSON-lines file, console).",
                "timeline, correlate, search, tail, health, errors and perf read the streams directly, for debugging."},
        subcommands = {RunCommand.class, TimelineCommand.class, CorrelateCommand.class, SearchCommand.class,
                TailCommand.class, HealthCommand.class, ErrorsCommand.class, PerfCommand.class, VersionCommand.class,
                BenchCommand.class, ReactionsCommand.class,
                ConsoleCommand.class,
                CommandLine.HelpCommand.class})
public final class CollectorCli implements java.util.concurrent.Callable<Integer> {
    /** Usage errors, Redis unreachable, invalid configuration. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogFormat.install();
        io.emp.telemetry.collector.RedisConnections.lettuceDefaults(); // before any command makes a Lettuce client
        CommandLine cl = commandLine();
        // bin/emp-events passes its own name, so that usage lines show what the user typed.
        String name = System.getProperty("emp.cli.name");
        if (name != null && !name.isBlank()) cl.setCommandName(name);
        System.exit(cl.execute(args));
    }

    /** The command tree, as {@link #main} runs it (tests run it in-process with their own out/err). */
    public static CommandLine commandLine() {
        return new CommandLine(new CollectorCli());
    }

    /** No subcommand is a usage error: the usage goes to stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.name() + ": missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return EXIT_USAGE;
    }
}
