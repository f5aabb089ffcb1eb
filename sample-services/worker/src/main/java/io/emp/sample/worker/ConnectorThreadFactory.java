package io.emp.sample.worker;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code connector-<worker>-<n>}: a connector that ignores interruption after
 * a timeout must not keep the process alive.
 */
final class ConnectorThreadFactory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    ConnectorThreadFactory(String workerId) {
        this.prefix = "connector-" + workerId + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
