package io.emp.telemetry.agent.instrument.http.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpMethodsTest {
    @Test
    void knownMethodsAreKeptOthersAreOther() {
        assertEquals("GET", HttpMethods.normalize("GET"));
        assertEquals("PATCH", HttpMethods.normalize("PATCH"));
        assertEquals("_OTHER", HttpMethods.normalize("get"), "methods are case-sensitive");
        assertEquals("_OTHER", HttpMethods.normalize("PROPFIND-XYZ"));
        assertEquals("_OTHER", HttpMethods.normalize(null));
    }
}
