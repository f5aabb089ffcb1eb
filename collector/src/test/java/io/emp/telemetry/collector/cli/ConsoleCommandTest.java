package io.emp.telemetry.collector.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code emp-collector console}: help, and the one-line failures with exit code 2 (no Redis, no auth beyond loopback). */
class ConsoleCommandTest {
    @Test
    void helpNamesTheOptionsAndTheDefaultAddress() {
        CliRun r = CliRun.of("console", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("--port") && r.out().contains("--host") && r.out().contains("--redis"), r.out());
        assertTrue(r.out().contains("127.0.0.1:9466"), r.out());
    }

    @Test
    void unreachableRedisIsOneLineWithoutThePasswordAndExitCode2() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CliRun r = CliRun.of("console", "--port", "0", "--redis", "redis://:hunter2@127.0.0.1:" + port);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("console: cannot connect to Redis at redis://127.0.0.1:" + port), r.err());
        assertFalse(r.err().contains("hunter2"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void listeningBeyondLoopbackWithoutAuthIsRefused() {
        CliRun r = CliRun.of("console", "--host", "0.0.0.0", "--redis", "redis://127.0.0.1:1");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("authentication"), r.err());
    }
}
