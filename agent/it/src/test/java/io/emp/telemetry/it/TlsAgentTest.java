package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.TlsRedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13.6 against the PACKAGED agent jar (relocated Jedis, JSSE): rediss:// with a private CA and a
 * client certificate delivers every event, and nothing but the agent's own lines reaches stderr (was:
 * NoClassDefFoundError of the shaded Netty and its stack traces on the application's stderr). A wrong CA
 * or a host name the certificate does not carry is refused with one clear line.
 */
class TlsAgentTest {
    private static TlsRedisServer server;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(TlsRedisServer.available(), "redis-server without TLS support or no openssl");
        server = TlsRedisServer.startRequiringClientCertificates();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void eventsArriveOverMutualTlsAndLibrariesPrintNothing() throws Exception {
        for (Jdks.Jdk jdk : Jdks.all()) {
            String tag = "tls-" + jdk.name.replaceAll("[^a-z0-9]", "");
            JvmRun.Result r = app(jdk, server.url(), server.caPem.toString(), tag, "tls-ok");
            assertEquals(0, r.exitCode, r::toString);
            assertTrue(r.stdout.contains("TLS-APP-DONE"), r::toString);
            assertOnlyAgentLines(r.stderr);
            try (Reader reader = new Reader()) {
                List<StreamMessage<String, String>> mine = reader.events().stream()
                        .filter(m -> String.valueOf(m.getBody().get(EventFields.JOB_ID)).startsWith(tag + "-"))
                        .collect(Collectors.toList());
                assertEquals(20, mine.size(), jdk + ": " + r);
                String instance = mine.get(0).getBody().get(EventFields.INSTANCE);
                assertTrue(instance != null && !instance.isEmpty(), "instance field: " + mine.get(0).getBody());
                String resource = reader.connection.sync().get(StreamDefaults.RESOURCE_KEY.replace("{instance}", instance));
                assertTrue(resource != null && resource.contains("\"service.name\":\"tls-ok\""), resource);
                assertTrue(reader.connection.sync().get("job:" + tag + "-0:latest-status").contains("\"progress\":100"));
            }
        }
    }

    @Test
    void wrongCaIsRefusedWithOneLine() throws Exception {
        JvmRun.Result r = app(Jdks.all().get(0), server.url(), server.otherCaPem.toString(), "wrong-ca", "tls-wrong-ca");
        assertEquals(0, r.exitCode, r::toString);
        assertRefusedOnce(r, "TLS handshake with Redis failed at rediss://127.0.0.1:");
    }

    @Test
    void wrongHostNameIsRefusedWithOneLine() throws Exception {
        JvmRun.Result r = app(Jdks.all().get(0), server.urlWithWrongHostName(), server.caPem.toString(), "wrong-host", "tls-wrong-host");
        assertEquals(0, r.exitCode, r::toString);
        assertRefusedOnce(r, "TLS handshake with Redis failed at rediss://127.0.0.2:");
    }

    private static void assertRefusedOnce(JvmRun.Result r, String expected) {
        assertOnlyAgentLines(r.stderr);
        List<String> tls = lines(r.stderr).stream().filter(l -> l.contains("TLS handshake")).collect(Collectors.toList());
        assertEquals(1, tls.size(), r::toString);
        assertTrue(tls.get(0).startsWith("[emp-telemetry] WARN " + expected), tls.get(0));
        // what was never written is accounted for at exit
        assertTrue(r.stderr.contains("could not be written to Redis before shutdown"), r::toString);
    }

    private static JvmRun.Result app(Jdks.Jdk jdk, String url, String ca, String tag, String service) throws Exception {
        return JvmRun.on(jdk)
                .classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class))
                .env("EMP_REDIS_URL", url)
                .env("EMP_REDIS_TLS_CA", ca)
                .env("EMP_REDIS_TLS_CERT", server.clientCertPem.toString())
                .env("EMP_REDIS_TLS_KEY", server.clientKeyPem.toString())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_SHUTDOWN_TIMEOUT", "3s")
                .run("io.emp.telemetry.it.app.TlsApp", tag);
    }

    /** Every line on stderr is the agent's own (the JVM's CDS note is gone: the bridge is defined, not appended). */
    private static void assertOnlyAgentLines(String stderr) {
        List<String> foreign = lines(stderr).stream()
                .filter(l -> !l.startsWith("[emp-telemetry] "))
                .collect(Collectors.toList());
        assertEquals(List.of(), foreign, stderr);
    }

    private static List<String> lines(String s) {
        return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    /** A Lettuce reader that trusts the test CA and presents the client certificate. */
    private static final class Reader implements AutoCloseable {
        final RedisClient client = RedisClient.create(server.url());
        final StatefulRedisConnection<String, String> connection;

        Reader() {
            client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                    .trustManager(server.caPem.toFile())
                    .keyManager(server.clientCertPem.toFile(), server.clientKeyPem.toFile(), null).build()).build());
            connection = client.connect();
        }

        List<StreamMessage<String, String>> events() {
            return connection.sync().xrange(StreamDefaults.EVENTS_STREAM, Range.create("-", "+"));
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
