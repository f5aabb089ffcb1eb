package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.TlsRedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * rediss:// with a private CA given by redis.tls.ca works; without trusting that CA, or under a host
 * name the certificate does not carry, the handshake fails with one clear line. Mutual TLS: a server
 * that demands a client certificate takes redis.tls.cert + redis.tls.key.
 */
class TlsTest {
    private static TlsRedisServer server;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(TlsRedisServer.available(), "redis-server without TLS support or no openssl");
        server = TlsRedisServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void writesOverTlsWithTheConfiguredCa() {
        try (RedisEventEmitter emitter = TestSupport.emitter(server.url(), "redis.tls.ca", server.caPem.toString())) {
            emitter.emit(WrongPasswordTest.event(1));
            TestSupport.waitUntil(Duration.ofSeconds(15), () -> emitter.stats().eventsWritten() == 1, () -> emitter.stats().toString());
        }
        RedisClient client = RedisClient.create(server.url());
        client.setOptions(ClientOptions.builder()
                .sslOptions(SslOptions.builder().jdkSslProvider().trustManager(server.caPem.toFile()).build()).build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals(1L, c.sync().xlen(StreamDefaults.EVENTS_STREAM));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void untrustedCertificateIsReportedOnce() {
        try (LogCapture log = new LogCapture(); RedisEventEmitter emitter = TestSupport.emitter(server.url())) {
            emitter.emit(WrongPasswordTest.event(1));
            TestSupport.waitUntil(Duration.ofSeconds(15), () -> emitter.stats().failedConnects() >= 3, () -> emitter.stats().toString());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("TLS handshake with Redis failed at rediss://127.0.0.1:"), warnings.get(0));
            assertEquals(0, emitter.stats().eventsWritten());
        }
    }

    @Test
    void hostNameNotInTheCertificateIsRefusedWithOneLine() {
        try (LogCapture log = new LogCapture();
             RedisEventEmitter emitter = TestSupport.emitter(server.urlWithWrongHostName(), "redis.tls.ca", server.caPem.toString())) {
            emitter.emit(WrongPasswordTest.event(1));
            TestSupport.waitUntil(Duration.ofSeconds(15), () -> emitter.stats().failedConnects() >= 3, () -> emitter.stats().toString());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("TLS handshake with Redis failed at rediss://127.0.0.2:"), warnings.get(0));
            assertTrue(warnings.get(0).contains("127.0.0.2"), warnings.get(0));
            assertEquals(0, emitter.stats().eventsWritten());
        }
    }

    @Test
    void clientCertificateForAServerThatDemandsOne() throws Exception {
        try (TlsRedisServer mtls = TlsRedisServer.startRequiringClientCertificates()) {
            try (LogCapture log = new LogCapture();
                 RedisEventEmitter without = TestSupport.emitter(mtls.url(), "redis.tls.ca", mtls.caPem.toString())) {
                without.emit(WrongPasswordTest.event(1));
                TestSupport.waitUntil(Duration.ofSeconds(15), () -> log.warnings().stream().anyMatch(l -> l.contains("certificate_required")),
                        () -> log.warnings().toString());
                assertEquals(0, without.stats().eventsWritten());
            }
            try (RedisEventEmitter with = TestSupport.emitter(mtls.url(), "redis.tls.ca", mtls.caPem.toString(),
                    "redis.tls.cert", mtls.clientCertPem.toString(), "redis.tls.key", mtls.clientKeyPem.toString())) {
                with.emit(WrongPasswordTest.event(1));
                TestSupport.waitUntil(Duration.ofSeconds(15), () -> with.stats().eventsWritten() == 1, () -> with.stats().toString());
            }
        }
    }
}
