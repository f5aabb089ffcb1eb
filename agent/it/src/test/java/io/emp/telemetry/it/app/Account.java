package io.emp.telemetry.it.app;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/** Application state a hostile rule tries to change through its paths (hostile.yaml). */
public final class Account {
    public static final AtomicInteger CONNECTIONS = new AtomicInteger();

    final AtomicInteger counter = new AtomicInteger();
    final ByteBuffer buffer = ByteBuffer.allocate(64);
    final URL url;

    Account() throws IOException {
        url = new URL(null, "emp-it://billing/ledger", new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) throws IOException {
                CONNECTIONS.incrementAndGet();
                throw new IOException("no connection in this test");
            }
        });
    }

    /** A "getter" a path must never call. */
    public String getShutdown() {
        System.exit(3);
        return "never";
    }

    public void touch(String jobId) {
        // instrumented by it.hostile.reads
    }

    public void connect() {
        throw new IllegalStateException("cannot reach redis://:hunter2@ledger-db:6379 (password=hunter2)");
    }
}
