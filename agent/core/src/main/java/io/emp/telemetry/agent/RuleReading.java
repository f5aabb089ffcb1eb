package io.emp.telemetry.agent;

import io.emp.telemetry.agent.rules.RuleLoader;
import io.emp.telemetry.agent.rules.compile.ParsedFile;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the rule files (the built-in ones pre-parsed at build time, {@code EMP_RULES} YAML-parsed) on
 * a thread of its own while premain's own thread sets up the emitter and ByteBuddy: parsing a user's
 * YAML loads Jackson's YAML module and SnakeYAML, and it needs nothing from ByteBuddy. Compiling the parsed rules into matchers
 * stays on premain's thread ({@link RuleLoader#compile}), so ByteBuddy is only ever initialised by
 * one thread (concurrent first use of some of its classes can deadlock in class initialisation).
 */
final class RuleReading implements Runnable {
    private final ClassLoader builtIns;
    private final List<Path> userFiles;
    private final Thread thread;
    private volatile List<ParsedFile> files;

    private RuleReading(ClassLoader builtIns, List<Path> userFiles) {
        this.builtIns = builtIns;
        this.userFiles = userFiles;
        this.thread = new Thread(this, "emp-telemetry-rules");
        thread.setDaemon(true);
        thread.setContextClassLoader(builtIns);
    }

    static RuleReading start(ClassLoader builtIns, List<Path> userFiles) {
        RuleReading reading = new RuleReading(builtIns, userFiles);
        try {
            reading.thread.start();
        } catch (Throwable t) {
            reading.run(); // no thread to be had (a thread limit): read here
        }
        return reading;
    }

    @Override
    public void run() {
        files = RuleLoader.read(builtIns, userFiles);
    }

    /** The parsed files, in order; read here if the thread could not deliver them. */
    List<ParsedFile> await() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        List<ParsedFile> read = files;
        return read != null ? read : RuleLoader.read(builtIns, userFiles);
    }
}
