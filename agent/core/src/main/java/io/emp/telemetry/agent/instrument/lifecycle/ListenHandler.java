package io.emp.telemetry.agent.instrument.lifecycle;

import io.emp.telemetry.agent.instrument.CallSiteHandler;
import io.emp.telemetry.agent.instrument.SiteCall;
import io.emp.telemetry.agent.lifecycle.ServiceLifecycle;
import io.emp.telemetry.schema.Attributes;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Collections;

/** After the first successful {@code bind}: {@code service.ready} with the port it listens on. */
final class ListenHandler implements CallSiteHandler {
    private final ServiceLifecycle lifecycle;

    ListenHandler(ServiceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public SiteCall enter(Class<?> origin, Object self, Object[] args) {
        return (returned, thrown) -> {
            if (thrown != null) return;
            int port = port(self);
            lifecycle.ready("listening", port > 0 ? Collections.singletonMap(Attributes.SERVER_PORT, port) : null);
        };
    }

    private static int port(Object self) {
        try {
            if (self instanceof ServerSocket) return ((ServerSocket) self).getLocalPort();
            if (self instanceof ServerSocketChannel) {
                SocketAddress address = ((ServerSocketChannel) self).getLocalAddress();
                if (address instanceof InetSocketAddress) return ((InetSocketAddress) address).getPort();
            }
        } catch (Exception | LinkageError ignored) {
            // the port is a detail; readiness is reported without it
        }
        return -1;
    }
}
