package io.emp.telemetry.it.app;

import java.net.InetAddress;
import java.net.ServerSocket;

/** A service that starts listening, then stops: the agent reports it ready, then shutting down. */
public final class ListeningApp {
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + server.getLocalPort());
        }
        System.out.println("LISTENING-APP-DONE");
    }
}
