package io.emp.telemetry.collector;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/** A consumer name unique per collector instance: host, pid and a random suffix (pids repeat in containers). */
final class ConsumerNames {
    private ConsumerNames() {
    }

    static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }
}
