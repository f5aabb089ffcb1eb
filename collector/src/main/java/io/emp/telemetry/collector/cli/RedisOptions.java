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
 * Options every debugging command shares: where Redis is, which configuration names the streams
 * (the collector's own: {@code EMP_EVENTS_STREAM}, {@code events.stream} in the YAML file …), and
 * {@code --json}. Also turns Redis failures into one clean line and exit code 2.
 */
final class RedisOptions {
    static final int EXIT_REDIS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
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
        return json ? Style.PLAIN : Style.forStdout();
    }

    void printJson(Object value) {
        try {
            out().println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Runs {@code body} with a connection; Redis or configuration problems → one line on stderr, exit 2. */
    int withRedis(RedisBody body) {
        for (Logger l : QUIET) l.setLevel(Level.OFF);
        String command = spec.name();
        try {
            String url = url();
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
