package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.console.ConsoleServer;
import io.emp.telemetry.collector.inspect.RedisFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the web console alone (without consuming anything) until Ctrl+C. Settings are the
 * {@code collector.console.*} keys; --host and --port override two of them. Secrets (password,
 * token) come from the configuration or the environment, never the command line, where any user
 * of the machine could read them.
 */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the web console (live events, jobs, waterfalls, errors, machines, throughput) until Ctrl+C.",
                "Binds to 127.0.0.1:9466 by default; any other address needs collector.console.auth (docs/console.md).",
                "Exit code: 0 after Ctrl+C, 2 on a Redis, configuration or port problem."})
final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to listen on (default: collector.console.host, 127.0.0.1)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "port (default: collector.console.port, 9466; 0 = any free port)")
    Integer port;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() throws InterruptedException {
        ConsoleServer server;
        try {
            CollectorConfig collector = redis.config();
            ConsoleConfig console = ConsoleConfig.load(redis.config).at(host, port);
            server = ConsoleServer.start(redis.url(), collector, console);
        } catch (ConfigException | RedisFailure | UncheckedIOException e) {
            redis.err().println("console: " + e.getMessage());
            redis.err().flush();
            return RedisOptions.EXIT_REDIS;
        }
        redis.out().println("emp-collector console: listening on " + server.url() + " (Ctrl+C to stop)");
        redis.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "emp-console-shutdown"));
        stopped.await();
        return 0;
    }
}
