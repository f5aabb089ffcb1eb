package io.emp.telemetry.collector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.inspect.RedisFailure;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.Style;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Options every command that reads Redis shares (add it with {@code @Mixin RedisOptions redis}): where Redis is
 * ({@code --redis}, else {@code EMP_REDIS_URL}, else {@code redis.url} of {@code --config}, else the default — named on
 * stderr unless given with {@code --redis}), which configuration names the streams (the collector's own:
 * {@code EMP_EVENTS_STREAM}, {@code events.stream} in the YAML file …), and the output options {@code --json},
 * {@code --full}, {@code --color}. Also turns Redis failures into one clean line and exit code 2.
 */
final class RedisOptions {
    static final int EXIT_REDIS = CollectorCli.EXIT_USAGE;
    /** Held so that JUL does not forget the levels (it keeps loggers weakly). */
    private static final Logger[] QUIET = {Logger.getLogger("io.lettuce"), Logger.getLogger("io.netty"), Logger.getLogger("reactor")};

    @Option(names = "--redis", paramLabel = "URL",
            description = "Redis URL (default: EMP_REDIS_URL, else redis.url of --config, else redis://127.0.0.1:6379)")
    String redisUrl;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "collector YAML configuration for stream names (environment wins, as for `run`)")
    Path config;

    @Option(names = "--json", description = "machine-readable output (JSON)")
    boolean json;

    @Option(names = "--full", description = "never cut values, and print stack traces under error rows")
    boolean full;

    /** {@code --color}: when to use ANSI colour. */
    enum ColorMode { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "colour: auto (a terminal and no NO_COLOR), always, never (default ${DEFAULT-VALUE})")
    ColorMode color;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    private CollectorConfig cfg;

    /** The collector configuration (stream names, groups, MAXLEN); {@link ConfigException} when invalid. */
    CollectorConfig config() {
        if (cfg == null) cfg = CollectorConfig.load(config);
        return cfg;
    }

    String url() {
        return redisUrl != null ? redisUrl : config().redisUrl();
    }

    /** Where the URL came from when {@code --redis} did not give it, for the note on stderr. */
    private String urlSource() {
        if (System.getenv("EMP_REDIS_URL") != null) return "EMP_REDIS_URL";
        if (System.getProperty("emp.redis.url") != null) return "-Demp.redis.url";
        if (config != null) return "redis.url of " + config;
        return "default";
    }

    String eventsStream() {
        return config().events().stream();
    }

    String errorsStream() {
        return config().errors().stream();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Style style() {
        if (json) return Style.PLAIN;
        boolean terminal = Style.stdoutIsTerminal();
        boolean colour = switch (color) {
            case always -> true;
            case never -> false;
            case auto -> terminal && System.getenv("NO_COLOR") == null;
        };
        return Style.of(colour, terminal && !full, full);
    }

    void printJson(Object value) {
        out().println(jsonText(value));
    }

    static String jsonText(Object value) {
        try {
            return JsonHolder.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Made on first use: picocli instantiates every command's options when the command line is built, and
     * {@code emp-collector run} never prints JSON (databind is some 280 classes: docs/collector.md, "Footprint").
     */
    private static final class JsonHolder {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    /** Runs {@code body} with a connection; Redis or configuration problems → one line on stderr, exit 2. */
    int withRedis(RedisBody body) {
        for (Logger l : QUIET) l.setLevel(Level.OFF);
        String command = spec.name();
        try {
            String url = url();
            if (redisUrl == null) {
                err().println(command + ": reading Redis at " + io.emp.telemetry.collector.RedisConnections.redacted(url)
                        + " (" + urlSource() + "; --redis URL to choose)");
                err().flush();
            }
            try (RedisSession session = RedisSession.open(url)) {
                try {
                    return body.run(session);
                } catch (RuntimeException e) {
                    if (RedisSession.isRedisError(e)) throw RedisSession.failure(url, e);
                    throw e;
                }
            }
        } catch (RedisFailure | ConfigException e) {
            err().println(command + ": " + e.getMessage());
            err().flush();
            return EXIT_REDIS;
        }
    }

    @FunctionalInterface
    interface RedisBody {
        int run(RedisSession session);
    }
}
