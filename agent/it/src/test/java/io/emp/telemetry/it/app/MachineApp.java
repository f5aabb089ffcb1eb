package io.emp.telemetry.it.app;

import io.emp.telemetry.api.Telemetry;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A service on a machine: listens (so the service, then the machine, is ready), writes one plain event
 * and one about another machine through the facade, stays up {@code args[0]} ms (GPU samples), exits.
 */
public final class MachineApp {
    public static void main(String[] args) throws Exception {
        long stayMillis = args.length > 0 ? Long.parseLong(args[0]) : 0;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + server.getLocalPort());
            Telemetry.event("order.placed", Map.of("items", 2));
            Telemetry.machineEvent("other-machine", "machine.disk_full", Map.of("mount", "/data"));
            Thread.sleep(stayMillis);
        }
        System.out.println("MACHINE-APP-DONE");
    }
}
