package io.emp.telemetry.agent.instrument.http.client;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestTargetTest {
    @Test
    void theUrlKeepsSchemeHostPortAndPathOnly() {
        assertEquals("https://api.example.com:8443/v1/items",
                RequestTarget.urlFull("https", "api.example.com", 8443, "/v1/items?key=s3cr3t#frag"));
        assertEquals("http://h/", RequestTarget.urlFull("http", "h", -1, null));
        assertEquals("http://h/", RequestTarget.urlFull("http", "h", -1, "?q=1"));
        assertEquals("http://h/a", RequestTarget.urlFull("http", "h", -1, "a#x"));
        assertNull(RequestTarget.urlFull("http", null, 80, "/a"));
    }

    @Test
    void itIsTheFormTheJdkClientRecords() {
        URI uri = URI.create("https://user:pw@api.example.com:8443/v1/items?key=s3cr3t#frag");
        assertEquals(TracedRequests.urlWithoutQuery(uri),
                RequestTarget.urlFull(uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath() + "?" + uri.getRawQuery()));
    }
}
