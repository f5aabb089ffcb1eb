package io.emp.telemetry.it;

import io.emp.telemetry.it.app.routes.JerseyApp;
import io.emp.telemetry.it.app.routes.PlainServerApp;
import io.emp.telemetry.it.app.routes.SpringMvcApp;
import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Framework routes from the packaged agent in forked JVMs: a Spring MVC 6 application on Jetty 12
 * and a Jersey 4 application on the JDK server each answer {@code /owners/1}, {@code /owners/2} and
 * a failing {@code /owners/3/fail}. Both owners' requests carry one {@code http.route} (not two
 * paths), and the failure's {@code api.error} names the controller method. An application with
 * neither framework gets nothing new and no agent warning.
 */
class RoutesTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();
    private static RedisEvents redis;

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @BeforeAll
    static void connect() {
        redis = new RedisEvents(REDIS.uri());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        RUNS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void springMvcOwnersShareOneRouteNamedByTheirController(Jdks.Jdk jdk) {
        Run run = springRun(jdk);
        String controller = SpringMvcApp.OwnerController.class.getName();
        assertOwnersShareOneRoute(run, "/clinic", "/clinic/owners/{id}", controller + ".show");
        assertFailureNamesItsMethod(run, "/clinic/owners/{id}/fail", "/clinic/owners/3/fail", controller + ".fail");
    }

    /** WebFlux as far as its request is ours: on a servlet container, mounted at the prefix /reactive/*. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void springWebFluxOnAServletContainerNamesItsRouteToo(Jdks.Jdk jdk) {
        Run run = springRun(jdk);
        assertOwnersShareOneRoute(run, "/clinic/reactive", "/clinic/reactive/owners/{id}",
                SpringMvcApp.ReactiveOwnerController.class.getName() + ".find");
    }

    private static Run springRun(Jdks.Jdk jdk) {
        return run(jdk, "spring", SpringMvcApp.class, "SPRING-ROUTES-DONE",
                "spring-", "micrometer-", "jetty-", "jakarta.servlet-api", "slf4j-api", "reactor-core", "reactive-streams");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jaxRsOwnersShareOneRouteNamedByTheirResourceMethod(Jdks.Jdk jdk) {
        Run run = run(jdk, "jersey", JerseyApp.class, "JERSEY-ROUTES-DONE",
                "jersey-", "hk2-", "aopalliance-", "osgi-resource-locator", "javassist", "jakarta.");
        String resource = JerseyApp.OwnerResource.class.getName();
        // the class @Path "owners" and the method's "{id: [0-9]+}", under the server context /api
        assertOwnersShareOneRoute(run, "/api", "/api/owners/{id}", resource + ".show");
        assertFailureNamesItsMethod(run, "/api/owners/{id}/fail", "/api/owners/3/fail", resource + ".fail");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anApplicationWithoutTheFrameworksGetsNothingNew(Jdks.Jdk jdk) {
        Run run = run(jdk, "plain", PlainServerApp.class, "PLAIN-ROUTES-DONE");
        List<TelemetryEvent> requests = RedisEvents.ofType(run.events, "http.server.request");
        assertEquals(3, requests.size(), () -> "requests in " + run.events);
        for (TelemetryEvent request : requests) {
            assertEquals("/owners", request.data().get(Attributes.HTTP_ROUTE), "the JDK server's context path");
            assertNull(request.data().get(Attributes.CODE_FUNCTION_NAME), request::toString);
        }
    }

    private static void assertOwnersShareOneRoute(Run run, String base, String route, String function) {
        List<String> paths = List.of(base + "/owners/1", base + "/owners/2");
        List<TelemetryEvent> owners = RedisEvents.ofType(run.events, "http.server.request").stream()
                .filter(e -> paths.contains(e.data().get(Attributes.URL_PATH)))
                .collect(Collectors.toList());
        assertEquals(2, owners.size(), () -> "owner requests in " + run.events);
        for (TelemetryEvent owner : owners) {
            assertEquals(200, ((Number) owner.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE)).intValue(), owner::toString);
            assertEquals(route, owner.data().get(Attributes.HTTP_ROUTE), owner::toString);
            assertEquals(function, owner.data().get(Attributes.CODE_FUNCTION_NAME), owner::toString);
        }
        assertFalse(owners.get(0).data().get(Attributes.URL_PATH).equals(owners.get(1).data().get(Attributes.URL_PATH)),
                "two different paths");
    }

    private static void assertFailureNamesItsMethod(Run run, String route, String path, String function) {
        TelemetryEvent error = RedisEvents.one(redis.errors(run.service), "api.error");
        assertEquals(path, error.data().get(Attributes.URL_PATH), error::toString);
        assertEquals(route, error.data().get(Attributes.HTTP_ROUTE), error::toString);
        assertEquals(function, error.data().get(Attributes.CODE_FUNCTION_NAME), error::toString);
        TelemetryEvent request = RedisEvents.ofType(run.events, "http.server.request").stream()
                .filter(e -> path.equals(e.data().get(Attributes.URL_PATH))).findFirst()
                .orElseThrow(() -> new AssertionError("no request " + path + " in " + run.events));
        assertEquals(route, request.data().get(Attributes.HTTP_ROUTE), request::toString);
        assertEquals(function, request.data().get(Attributes.CODE_FUNCTION_NAME), request::toString);
        assertEquals(request.spanId(), error.spanId(), "the error is the request's");
    }

    private static Run run(Jdks.Jdk jdk, String name, Class<?> app, String done, String... libraryPrefixes) {
        Run run = RUNS.computeIfAbsent(name + "-" + jdk.name, k -> Run.start(jdk, name, app, libraryPrefixes));
        assertEquals(0, run.result.exitCode, run.result::toString);
        assertTrue(run.result.stdout.contains(done), run.result::toString);
        // nothing the agent could not handle: no warning, no error of ours in the application's stderr
        assertFalse(run.result.stderr.contains("[emp-telemetry] WARN"), run.result::toString);
        assertFalse(run.result.stderr.contains("[emp-telemetry] ERROR"), run.result::toString);
        return run;
    }

    /** The test class path's jars whose file names start with one of {@code prefixes}: an application's own libraries. */
    private static List<Path> libraries(String... prefixes) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(classpath.split(File.pathSeparator)).map(Paths::get)
                .filter(p -> Stream.of(prefixes).anyMatch(prefix -> p.getFileName().toString().startsWith(prefix)))
                .collect(Collectors.toList());
    }

    /** One run of a route application and the events it left. */
    static final class Run {
        final String service;
        final JvmRun.Result result;
        final List<TelemetryEvent> events;

        private Run(String service, JvmRun.Result result, List<TelemetryEvent> events) {
            this.service = service;
            this.result = result;
            this.events = events;
        }

        static Run start(Jdks.Jdk jdk, String name, Class<?> app, String... libraryPrefixes) {
            try {
                String service = "routes-" + name + "-" + jdk.tag();
                JvmRun jvm = JvmRun.on(jdk).timeoutSeconds(300); // Spring, Jetty or Jersey: thousands of classes
                if (libraryPrefixes.length > 0) {
                    List<Path> jars = libraries(libraryPrefixes);
                    assertTrue(jars.size() > 3, () -> "the application's libraries: " + jars);
                    jars.forEach(jvm::classpath);
                }
                JvmRun.Result result = jvm.env("EMP_REDIS_URL", REDIS.uri())
                        .env("EMP_SERVICE_NAME", service)
                        .run(app.getName());
                return new Run(service, result, redis.all(service));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
