package io.emp.telemetry.collector.cli;

import io.emp.telemetry.agent.rules.RuleProblem;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.TimeSpec;
import io.emp.telemetry.collector.reactions.ReactionsEngine;
import io.emp.telemetry.collector.reactions.actions.ActionRuntime;
import io.emp.telemetry.collector.reactions.delivery.DerivedEvents;
import io.emp.telemetry.collector.reactions.delivery.Idempotency;
import io.emp.telemetry.collector.reactions.delivery.ReactionRunner;
import io.emp.telemetry.collector.reactions.file.Reaction;
import io.emp.telemetry.collector.reactions.file.ReactionsCompiler;
import io.emp.telemetry.collector.reactions.file.ReactionsFile;
import io.emp.telemetry.collector.reactions.file.ReactionsFileException;
import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.metrics.ReactionStats;
import io.emp.telemetry.collector.reactions.tools.History;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code reactions check FILE} and {@code reactions replay}: the reactions file's tools (docs/reactions.md). */
@Command(name = "reactions", mixinStandardHelpOptions = true,
        description = {"Check a reactions file against recent events, or re-run reactions over history."},
        subcommands = {ReactionsCommand.Check.class, ReactionsCommand.Replay.class, CommandLine.HelpCommand.class})
final class ReactionsCommand implements Runnable {
    static final int EXIT_PROBLEMS = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check or replay");
    }

    /** Compiles the file; problems go to stderr one per line (file:line:column: message). */
    static ReactionsFile compile(RedisOptions redis, Path file, Path plugins) {
        CollectorConfig cfg = redis.config();
        try {
            return ReactionsCompiler.compile(file, ReactionsEngine.compileContext(
                    plugins != null ? plugins : cfg.reactionsPlugins(), cfg));
        } catch (ReactionsFileException e) {
            for (RuleProblem p : e.problems()) redis.err().println(p);
            redis.err().flush();
            return null;
        }
    }

    static ReactionRunner runner(RedisOptions redis, ReactionsFile file, ReactionStats stats) {
        CollectorConfig cfg = redis.config();
        return new ReactionRunner(file, new DerivedEvents(cfg.events().stream(), cfg.events().maxLen(),
                file.settings().service()), stats);
    }

    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Validate a reactions file (file:line:column for every mistake) and show what each reaction",
                    "would have matched among the last N events of both streams; --dry-run also prints the actions.",
                    "Exit code: 0 valid, 1 mistakes in the file, 2 usage, Redis or configuration error."})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the reactions file")
        Path file;

        @Option(names = "--last", defaultValue = "1000", paramLabel = "N",
                description = "events per stream to match against (default ${DEFAULT-VALUE}); 0 = only validate, no Redis")
        int last;

        @Option(names = "--dry-run", description = "print the actions each match would run (nothing is run)")
        boolean dryRun;

        @Option(names = "--plugins", paramLabel = "DIR", description = "folder of plugin jars (default: collector.reactions-plugins)")
        Path plugins;

        @Mixin
        RedisOptions redis;

        @Override
        public Integer call() {
            if (!Files.isReadable(file)) throw new CommandLine.ParameterException(redis.spec.commandLine(), "cannot read " + file);
            if (last < 0) throw new CommandLine.ParameterException(redis.spec.commandLine(), "--last must not be negative");
            ReactionsFile compiled = compile(redis, file, plugins);
            if (compiled == null) return EXIT_PROBLEMS;
            if (last == 0) {
                report(compiled, Map.of(), List.of());
                return 0;
            }
            return redis.withRedis(session -> {
                ReactionRunner runner = runner(redis, compiled, new ReactionStats());
                Map<String, Integer> matches = new LinkedHashMap<>();
                compiled.reactions().forEach(r -> matches.put(r.id(), 0));
                List<Map<String, Object>> plans = new ArrayList<>();
                for (ConsumedEvent e : History.last(session.commands(),
                        List.of(redis.eventsStream(), redis.errorsStream()), redis.errorsStream(), last)) {
                    EventContext ctx = runner.context(e.event(), e.stream(), e.entryId());
                    for (Reaction r : runner.matching(ctx, null)) {
                        matches.merge(r.id(), 1, Integer::sum);
                        if (dryRun) plans.add(plan(runner, ctx, r));
                    }
                }
                report(compiled, matches, plans);
                return 0;
            });
        }

        private void report(ReactionsFile compiled, Map<String, Integer> matches, List<Map<String, Object>> plans) {
            if (redis.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("file", compiled.path().toString());
                out.put("valid", true);
                out.put("reactions", compiled.reactions().stream().map(Reaction::id).toList());
                out.put("matches", matches);
                if (dryRun) out.put("actions", plans);
                redis.printJson(out);
                return;
            }
            redis.out().println(compiled.path() + ": valid, " + compiled.reactions().size() + " reactions");
            for (Reaction r : compiled.reactions()) {
                redis.out().println("  " + r.id() + (last == 0 ? "" : ": " + matches.getOrDefault(r.id(), 0)
                        + " of the last " + last + " events per stream"));
            }
            printPlans(redis, plans);
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Re-run reactions over the events written between --from and --to, in time order.",
                    "Actions that already ran for an entry (idempotency records, kept settings.idempotencyTtl) are not",
                    "repeated. --dry-run prints what would run instead.",
                    "Exit code: 0 done, 1 mistakes in the file, 2 usage, Redis or configuration error."})
    static final class Replay implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "TIME", description = "start: 15m (ago), ISO-8601, or epoch ms")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "end (default: now)")
        String to;

        @Option(names = "--reaction", paramLabel = "ID", description = "only this reaction")
        String reaction;

        @Option(names = "--dry-run", description = "print the actions instead of running them")
        boolean dryRun;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "reactions file (default: EMP_REACTIONS / collector.reactions)")
        Path file;

        @Option(names = "--plugins", paramLabel = "DIR", description = "folder of plugin jars (default: collector.reactions-plugins)")
        Path plugins;

        @Option(names = "--max", defaultValue = "100000", paramLabel = "N", description = "replay at most N events (default ${DEFAULT-VALUE})")
        int max;

        @Mixin
        RedisOptions redis;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = redis.spec.commandLine();
            long now = System.currentTimeMillis();
            long fromMs;
            long toMs;
            try {
                fromMs = TimeSpec.parse(from, now);
                toMs = to == null ? now : TimeSpec.parse(to, now);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            Path f = file != null ? file : redis.config().reactionsFile();
            if (f == null) throw new CommandLine.ParameterException(cl, "no reactions file: give --file or set EMP_REACTIONS");
            if (!Files.isReadable(f)) throw new CommandLine.ParameterException(cl, "cannot read " + f);
            ReactionsFile compiled = compile(redis, f, plugins);
            if (compiled == null) return EXIT_PROBLEMS;
            if (reaction != null && compiled.reactions().stream().noneMatch(r -> r.id().equals(reaction))) {
                throw new CommandLine.ParameterException(cl, "no reaction '" + reaction + "' in " + f);
            }
            return redis.withRedis(session -> replay(session, compiled, fromMs, toMs));
        }

        private int replay(RedisSession session, ReactionsFile compiled, long fromMs, long toMs) {
            ReactionStats stats = new ReactionStats();
            ReactionRunner runner = runner(redis, compiled, stats);
            ActionRuntime rt = new ActionRuntime(new Idempotency(session.commands(),
                    compiled.settings().idempotencyTtl().toSeconds()),
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
            List<Map<String, Object>> plans = new ArrayList<>();
            int events = 0;
            for (ConsumedEvent e : History.between(session.commands(), List.of(redis.eventsStream(), redis.errorsStream()),
                    redis.errorsStream(), fromMs, toMs, max)) {
                events++;
                EventContext ctx = runner.context(e.event(), e.stream(), e.entryId());
                if (dryRun) {
                    for (Reaction r : runner.matching(ctx, reaction)) plans.add(plan(runner, ctx, r));
                } else {
                    try {
                        runner.run(ctx, reaction, rt, () -> true);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            if (redis.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("events", events);
                out.put("dryRun", dryRun);
                if (dryRun) out.put("actions", plans);
                else out.put("reactions", io.emp.telemetry.collector.reactions.metrics.ReactionMetrics.json(stats));
                redis.printJson(out);
            } else {
                redis.out().println("replayed " + events + " events" + (dryRun ? " (dry run: nothing was run)" : ""));
                if (dryRun) printPlans(redis, plans);
                stats.all().forEach((id, c) -> redis.out().println("  " + id + ": matched " + c.matched.sum()
                        + ", executed " + c.executed.sum() + ", failed " + c.failed.sum()));
            }
            return 0;
        }
    }

    private static Map<String, Object> plan(ReactionRunner runner, EventContext ctx, Reaction r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reaction", r.id());
        p.put("entry", ctx.entryId());
        p.put("eventType", ctx.event().eventType());
        if (ctx.event().jobId() != null) p.put("jobId", ctx.event().jobId());
        p.put("actions", runner.plan(ctx, r));
        return p;
    }

    private static void printPlans(RedisOptions redis, List<Map<String, Object>> plans) {
        for (Map<String, Object> p : plans) {
            redis.out().println(p.get("reaction") + " on " + p.get("eventType") + " " + p.get("entry")
                    + (p.containsKey("jobId") ? " (job " + p.get("jobId") + ")" : ""));
            for (Object line : (List<?>) p.get("actions")) redis.out().println("    " + line);
        }
    }
}
