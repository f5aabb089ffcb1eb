package io.emp.telemetry.collector.console;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.collector.RedisConnections;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.console.action.JobAction;
import io.emp.telemetry.collector.console.action.RedisFunctionRetry;
import io.emp.telemetry.collector.console.action.RetryCall;
import io.emp.telemetry.collector.reactions.JobRetry;
import io.emp.telemetry.collector.reactions.ReactionsEngine;
import io.emp.telemetry.collector.console.api.ConsoleContext;
import io.emp.telemetry.collector.console.api.ErrorsApi;
import io.emp.telemetry.collector.console.api.EventsApi;
import io.emp.telemetry.collector.console.api.JobsApi;
import io.emp.telemetry.collector.console.api.MachinesApi;
import io.emp.telemetry.collector.console.api.StatusApi;
import io.emp.telemetry.collector.console.api.ThroughputApi;
import io.emp.telemetry.collector.console.auth.ConsoleAuth;
import io.emp.telemetry.collector.console.live.LiveEndpoint;
import io.emp.telemetry.collector.console.live.LiveHub;
import io.emp.telemetry.collector.console.live.RedisState;
import io.emp.telemetry.collector.console.live.StatusListener;
import io.emp.telemetry.collector.console.live.StreamFeed;
import io.emp.telemetry.collector.console.web.StaticFiles;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.util.Optional;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * The web console: the pages, the JSON API they use, and the live feed, on one JDK HTTP server
 * (127.0.0.1 by default) with its own Redis connections. It reads the streams directly (never a
 * consumer group), so it can run beside the collector ({@code run} with
 * {@code collector.console.enabled}) or alone ({@code emp-collector console}). See docs/console.md.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsoleServer.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final ConsoleConfig config;
    private final RedisConnections redis;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final StreamFeed feed;
    private final Thread feedThread;
    private final LiveEndpoint live;

    private ConsoleServer(String redisUrl, StreamConfig events, StreamConfig errors, ConsoleConfig config,
                          Optional<JobRetry> reactionsRetry) throws IOException {
        this.config = config;
        String where = RedisConnections.redacted(redisUrl);
        this.redis = new RedisConnections(redisUrl, COMMAND_TIMEOUT);
        LiveHub hub = new LiveHub();
        RedisState state = new RedisState(where, s -> hub.publish(new LiveHub.Message(LiveHub.Kind.REDIS, null, s)));
        // Lettuce needs Redis for the first connect; after that it reconnects by itself, and the pages say when it is away.
        RedisCommands<String, String> commands;
        StatusListener status;
        RedisCommands<String, String> feedConnection;
        try {
            commands = redis.connect();
            status = new StatusListener(redis.connectPubSub(), hub);
            feedConnection = redis.connect();
        } catch (RuntimeException e) {
            redis.close();
            throw RedisSession.failure(redisUrl, e);
        }
        state.up(); // it just answered; from now on the stream feed keeps this current
        ConsoleContext ctx = new ConsoleContext(config, events.stream(), errors.stream(),
                commands, status, state);
        this.feed = new StreamFeed(feedConnection, redisUrl, events.stream(),
                errors.stream(), hub, state);
        JobAction retry = !config.actionsEnabled(reactionsRetry.isPresent()) ? null
                : new RedisFunctionRetry(commands, config.retryFunction().isEmpty()
                        ? RetryCall.reactions(commands, reactionsRetry.get())
                        : RetryCall.fcall(commands, config.retryFunction()), events, errors, where);
        this.live = new LiveEndpoint(hub, state);
        try {
            // Bound only once Redis answered: a server created but never started keeps its port.
            this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            redis.close();
            throw e;
        }
        this.executor = Executors.newCachedThreadPool(daemon("emp-console-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("emp-console-pubsub"));
        server.setExecutor(executor);
        ConsoleAuth auth = new ConsoleAuth(config);
        route("/api/status", new StatusApi(ctx, hub, retry != null), auth);
        route("/api/jobs", new JobsApi(ctx, retry), auth);
        route("/api/events", new EventsApi(ctx), auth);
        route("/api/errors", new ErrorsApi(ctx), auth);
        route("/api/machines", new MachinesApi(ctx), auth);
        route("/api/throughput", new ThroughputApi(ctx), auth);
        route("/api/live", live, auth);
        route("/", new StaticFiles(), auth);
        status.start(scheduler);
        this.feedThread = new Thread(feed, "emp-console-feed");
        feedThread.setDaemon(true);
    }

    /**
     * Starts the console. Redis must answer now ({@link io.emp.telemetry.collector.inspect.RedisFailure}
     * otherwise); later outages are survived and shown on the pages. {@link UncheckedIOException} when the
     * port cannot be opened.
     */
    public static ConsoleServer start(CollectorConfig collector, ConsoleConfig config) {
        return start(collector.redisUrl(), collector, config);
    }

    /** As {@link #start(CollectorConfig, ConsoleConfig)}, with another Redis URL (the CLI's --redis). */
    public static ConsoleServer start(String redisUrl, CollectorConfig collector, ConsoleConfig config) {
        return start(redisUrl, collector.events(), collector.errors(), config, reactionsRetry(collector));
    }

    /** A console without reactions: retry only through {@code collector.console.retry-function}. */
    public static ConsoleServer start(String redisUrl, StreamConfig events, StreamConfig errors, ConsoleConfig config) {
        return start(redisUrl, events, errors, config, Optional.empty());
    }

    /** The retry action of the collector's reactions file, when it has one (a file that does not load offers none). */
    private static Optional<JobRetry> reactionsRetry(CollectorConfig collector) {
        if (collector.reactionsFile() == null) return Optional.empty();
        try {
            return JobRetry.from(ReactionsEngine.load(collector.reactionsFile(), collector.reactionsPlugins(), collector));
        } catch (RuntimeException e) {
            LOG.warning("console: no retry through the reactions file " + collector.reactionsFile() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static ConsoleServer start(String redisUrl, StreamConfig events, StreamConfig errors, ConsoleConfig config,
                                       Optional<JobRetry> reactionsRetry) {
        ConsoleServer s;
        try {
            s = new ConsoleServer(redisUrl, events, errors, config, reactionsRetry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the console on " + config.host() + ":" + config.port()
                    + " (set collector.console.port): " + e.getMessage(), e);
        }
        s.server.start();
        s.feedThread.start();
        LOG.info("console on " + s.url() + " (auth " + config.auth().name().toLowerCase() + ", Redis "
                + RedisConnections.redacted(redisUrl) + ")");
        return s;
    }

    private void route(String path, HttpHandler handler, ConsoleAuth auth) {
        HttpContext c = server.createContext(path, handler);
        c.getFilters().add(auth);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port/} */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        feed.stop();
        live.close();
        server.stop(0);
        executor.shutdownNow();
        scheduler.shutdownNow();
        try {
            feedThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
