package io.emp.telemetry.agent.instrument.http.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracedRequestsTest {
    @Test
    void theCopyIsTheSameRequestPlusTheHeader() {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{\"a\":1}");
        HttpRequest original = HttpRequest.newBuilder(URI.create("https://api.example.com/v1/items?page=2"))
                .method("PUT", body)
                .header("Content-Type", "application/json")
                .header("X-Multi", "one").header("X-Multi", "two")
                .timeout(Duration.ofSeconds(7))
                .version(HttpClient.Version.HTTP_1_1)
                .expectContinue(true)
                .build();

        HttpRequest copy = TracedRequests.withHeader(original, "traceparent", "00-abc-def-01");

        assertEquals(original.uri(), copy.uri());
        assertEquals("PUT", copy.method());
        assertEquals(body, copy.bodyPublisher().orElseThrow());
        assertEquals(original.timeout(), copy.timeout());
        assertEquals(original.version(), copy.version());
        assertTrue(copy.expectContinue());
        assertEquals(List.of("one", "two"), copy.headers().allValues("X-Multi"));
        assertEquals("application/json", copy.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("00-abc-def-01", copy.headers().firstValue("traceparent").orElseThrow());
    }

    @Test
    void aGetWithoutExtrasStaysAGet() {
        HttpRequest copy = TracedRequests.withHeader(HttpRequest.newBuilder(URI.create("http://h/")).build(), "traceparent", "x");
        assertEquals("GET", copy.method());
        assertTrue(copy.timeout().isEmpty());
        assertTrue(copy.version().isEmpty());
    }

    @Test
    void urlsLoseUserInfoQueryAndFragment() {
        assertEquals("https://api.example.com:8443/v1/items",
                TracedRequests.urlWithoutQuery(URI.create("https://user:pw@api.example.com:8443/v1/items?key=s3cr3t#frag")));
        assertEquals("http://h/", TracedRequests.urlWithoutQuery(URI.create("http://h")));
    }

    @Test
    void printedUrlsLoseUserInfoQueryAndFragmentEvenWhenTheyAreNoValidUri() {
        assertEquals("https://api.example.com/v1/chat",
                TracedRequests.urlWithoutQuery("https://user:pw@api.example.com/v1/chat?api_key=s3cr3t"));
        assertEquals("https://api.example.com/v1/a b",
                TracedRequests.urlWithoutQuery("https://user:pw@api.example.com/v1/a b?api_key=s3cr3t#f"));
    }
}
