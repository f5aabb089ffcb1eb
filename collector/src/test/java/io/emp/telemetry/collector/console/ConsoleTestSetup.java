package io.emp.telemetry.collector.console;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.support.TestConfig;

import java.util.HashMap;
import java.util.Map;

/** A console on a free loopback port against the test's Redis, with extra settings given as environment variables. */
final class ConsoleTestSetup {
    private ConsoleTestSetup() {
    }

    static ConsoleServer start(String redisUrl, String... envPairs) {
        Map<String, String> env = new HashMap<>(new TestConfig(redisUrl).env());
        env.put("EMP_COLLECTOR_CONSOLE_PORT", "0");
        for (int i = 0; i < envPairs.length; i += 2) env.put(envPairs[i], envPairs[i + 1]);
        CollectorConfig collector = CollectorConfig.load(null, Map.of(), env);
        return ConsoleServer.start(collector, ConsoleConfig.load(null, Map.of(), env));
    }
}
