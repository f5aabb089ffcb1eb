package io.emp.telemetry.it.app.routes;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.net.ServerSocket;
import java.net.URI;

/**
 * A small Jersey 4 (jakarta.ws.rs) application on the JDK's HTTP server, mounted at {@code /api}:
 * class {@code @Path("owners")}, method paths with and without a regular expression, and a method
 * that throws. Prints JERSEY-ROUTES-DONE when every request got its answer.
 */
public final class JerseyApp {
    private JerseyApp() {
    }

    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port + "/api";
        HttpServer server = JdkHttpServerFactory.createHttpServer(URI.create(base + "/"),
                new ResourceConfig(OwnerResource.class));
        try {
            Requests.get(base, Requests.OWNER_PATHS);
        } finally {
            server.stop(0);
        }
        System.out.println("JERSEY-ROUTES-DONE");
    }

    @Path("owners")
    public static class OwnerResource {
        @GET
        @Path("{id: [0-9]+}")
        public String show(@PathParam("id") long id) {
            return "owner " + id;
        }

        @GET
        @Path("/{id}/fail")
        public String fail(@PathParam("id") long id) {
            throw new IllegalStateException("owner " + id + " is unavailable");
        }
    }
}
