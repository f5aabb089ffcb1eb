package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.console.ConsoleServer;
import io.emp.telemetry.collector.inspect.RedisFailure;

import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * The console inside {@code run}: the collector must not fail because of it. When Redis does not
 * answer yet (the console needs it for its first connection, the collector does not), it is tried
 * again every 5 s in the background; a port that cannot be opened is logged once.
 */
final class ConsoleStarter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsoleStarter.class.getName());
    private static final long RETRY_MS = 5000;

    private final Thread thread;
    private volatile ConsoleServer server;
    private volatile boolean closed;

    private ConsoleStarter(CollectorConfig collector, ConsoleConfig console) {
        thread = new Thread(() -> run(collector, console), "emp-console-start");
        thread.setDaemon(true);
    }

    static ConsoleStarter start(CollectorConfig collector, ConsoleConfig console) {
        ConsoleStarter s = new ConsoleStarter(collector, console);
        s.thread.start();
        return s;
    }

    private void run(CollectorConfig collector, ConsoleConfig console) {
        for (boolean warned = false; !closed; warned = true) {
            try {
                ConsoleServer started = ConsoleServer.start(collector, console);
                synchronized (this) {
                    if (closed) started.close();
                    else server = started;
                }
                return;
            } catch (UncheckedIOException e) {
                LOG.severe("console not started: " + e.getMessage());
                return;
            } catch (RedisFailure e) {
                if (!warned) LOG.warning("console waits for Redis: " + e.getMessage() + " (retrying every 5 s)");
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        thread.interrupt();
        if (server != null) server.close();
    }
}
