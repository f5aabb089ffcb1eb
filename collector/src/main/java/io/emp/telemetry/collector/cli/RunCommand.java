package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.config.ConsoleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the collector until SIGTERM/SIGINT; a clean stop leaves unexported entries pending for another instance. */
@Command(name = "run", sortOptions = false,
        description = {"Consume the event and error streams and export them until stopped.",
                "Exit code: 0 after SIGTERM/SIGINT, 2 invalid configuration (one line naming the setting)."})
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file (keys as in docs/collector.md; environment wins)")
    Path config;

    @Option(names = "--redis", paramLabel = "URL",
            description = "Redis to consume from; wins over EMP_REDIS_URL and redis.url (default: those, else redis://127.0.0.1:6379)")
    String redisUrl;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isReadable(config)) {
            System.err.println("emp-collector: configuration file " + config + " cannot be read");
            return 2;
        }
        Collector collector;
        ConsoleStarter console;
        try {
            CollectorConfig cfg = CollectorConfig.load(config, systemProperties(), environment());
            ConsoleConfig consoleConfig = ConsoleConfig.load(config);
            collector = Collector.start(cfg);
            console = consoleConfig.enabled() ? ConsoleStarter.start(cfg, consoleConfig) : null;
        } catch (ConfigException e) {
            System.err.println("emp-collector: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (console != null) console.close();
            collector.close();
            stopped.countDown();
        }, "emp-collector-shutdown"));
        stopped.await();
        return 0;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> sys = new HashMap<>();
        Properties p = System.getProperties();
        for (String name : p.stringPropertyNames()) sys.put(name, p.getProperty(name));
        return sys;
    }

    /** The environment, with {@code --redis} in place of {@code EMP_REDIS_URL} (the environment wins over the file). */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (redisUrl != null) env.put("EMP_REDIS_URL", redisUrl);
        return env;
    }
}
