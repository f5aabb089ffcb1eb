package io.emp.telemetry.agent.instrument.http.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where a framework that cannot see the request is mounted, and how its route joins that. */
class ServerRouteHandlerTest {
    @Test
    void theMountComesFromTheServersOwnRoute() {
        assertEquals("/ctx/api", ServerRouteHandler.mountOf("/ctx/api/*"), "a servlet prefix mapping");
        assertEquals("", ServerRouteHandler.mountOf("/*"));
        assertEquals("/api", ServerRouteHandler.mountOf("/api/"), "a JDK server context");
        assertEquals("", ServerRouteHandler.mountOf("/"));
        assertEquals("", ServerRouteHandler.mountOf(null), "the default servlet: no route");
        assertEquals("", ServerRouteHandler.mountOf("*.do"), "an extension mapping names no prefix");
    }

    @Test
    void joinsWithOneSlash() {
        assertEquals("/api/owners/{id}", ServerRouteHandler.join("/api/", "/owners/{id}"));
        assertEquals("/owners/{id}", ServerRouteHandler.join("", "owners/{id}"));
        assertEquals("/", ServerRouteHandler.join(null, "/"));
    }
}
