package io.emp.telemetry.collector.reactions;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.consume.RedisStreams;
import io.emp.telemetry.collector.consume.StreamWorker;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.reactions.actions.ActionRuntime;
import io.emp.telemetry.collector.reactions.delivery.DerivedEvents;
import io.emp.telemetry.collector.reactions.delivery.Idempotency;
import io.emp.telemetry.collector.reactions.delivery.ReactionProcessor;
import io.emp.telemetry.collector.reactions.delivery.ReactionRunner;
import io.emp.telemetry.collector.reactions.file.CompileContext;
import io.emp.telemetry.collector.reactions.file.Plugins;
import io.emp.telemetry.collector.reactions.file.ReactionsCompiler;
import io.emp.telemetry.collector.reactions.file.ReactionsFile;
import io.emp.telemetry.collector.reactions.file.ReactionsFileException;
import io.emp.telemetry.collector.reactions.metrics.ReactionStats;
import io.emp.telemetry.schema.StreamDefaults;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The reactions engine inside {@code emp-collector run}: its own consumer group ({@code reaction-handlers}) on both
 * streams, so exporting and reacting never wait for each other; per stream one reader thread and a few reaction
 * lanes. The group is created at the end of each stream: history is for {@code reactions replay}.
 */
public final class ReactionsEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReactionsEngine.class.getName());

    private final ReactionsFile file;
    private final ReactionStats stats = new ReactionStats();
    private final List<StreamWorker> workers = new ArrayList<>();
    private final List<ReactionProcessor> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Compiles the file (plugins from {@code plugins}, may be null); a file with mistakes stops the collector. */
    public static ReactionsFile load(Path file, Path plugins, CollectorConfig config) {
        try {
            return ReactionsCompiler.compile(file, compileContext(plugins, config));
        } catch (ReactionsFileException e) {
            throw new ConfigException("reactions file " + file + " has mistakes:\n" + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("reactions plugins: " + e.getMessage());
        }
    }

    public static CompileContext compileContext(Path plugins, CollectorConfig config) {
        return new CompileContext(System.getenv(), Plugins.load(plugins), config.events().stream(), config.events().maxLen());
    }

    public ReactionsEngine(ReactionsFile file, CollectorConfig config, String consumer,
                           Supplier<RedisCommands<String, String>> connections) {
        this.file = file;
        DerivedEvents events = new DerivedEvents(config.events().stream(), config.events().maxLen(), file.settings().service());
        ReactionRunner runner = new ReactionRunner(file, events, stats);
        long ttl = file.settings().idempotencyTtl().toSeconds();
        Supplier<ActionRuntime> runtimes = () -> new ActionRuntime(new Idempotency(connections.get(), ttl), http);
        CollectorStats readerStats = new CollectorStats(); // the export's per-stream counters stay the export's
        for (StreamConfig s : config.streams()) {
            StreamConfig group = new StreamConfig(s.stream(), StreamDefaults.REACTIONS_GROUP, s.maxLen(), s.errors());
            RedisCommands<String, String> reader = connections.get();
            createAtEnd(reader, group);
            ReactionProcessor p = new ReactionProcessor(runner, file.settings().threads(), runtimes, s.stream());
            processors.add(p);
            workers.add(new StreamWorker(new RedisStreams(reader, group, consumer), p, config.batchSize(),
                    Duration.ofMillis(Math.min(50, config.batchWait().toMillis())), config.claimIdle(),
                    config.claimInterval(), readerStats));
        }
    }

    private static void createAtEnd(RedisCommands<String, String> redis, StreamConfig group) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.latest(group.stream()), group.group(), XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException exists) {
            // Created before: continue where the group is.
        }
    }

    public void start() {
        for (int i = 0; i < workers.size(); i++) {
            Thread t = new Thread(workers.get(i), "emp-reactions-reader-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        LOG.info("reactions: " + file.reactions().size() + " reactions from " + file.path() + " (group "
                + StreamDefaults.REACTIONS_GROUP + ", " + file.settings().threads() + " lanes per stream)");
    }

    public ReactionStats stats() {
        return stats;
    }

    public ReactionsFile file() {
        return file;
    }

    @Override
    public void close() {
        workers.forEach(StreamWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(3000);
                if (t.isAlive()) t.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processors.forEach(ReactionProcessor::close);
    }
}
