package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.config.ConsoleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the collector until SIGTERM/SIGINT; a clean stop leaves unexported entries pending for another instance. */
@Command(name = "run", description = "Consume the event and error streams and export them until stopped.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "YAML configuration file (keys as in docs/collector.md; environment wins)")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isReadable(config)) {
            System.err.println("emp-collector: configuration file " + config + " cannot be read");
            return 2;
        }
        Collector collector;
        ConsoleStarter console;
        try {
            CollectorConfig cfg = CollectorConfig.load(config);
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
}
