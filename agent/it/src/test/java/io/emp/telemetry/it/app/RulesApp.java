package io.emp.telemetry.it.app;

import io.emp.telemetry.api.Telemetry;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The main test application: one run exercises every rule, annotation and facade scenario, so a
 * JVM start is paid once per JDK. Argument: a tag that makes its job ids unique to the run.
 * System property {@code it.isolated.classpath}: class path of the isolated class loader.
 */
public final class RulesApp {
    private RulesApp() {
    }

    public static void main(String[] args) throws Exception {
        String tag = args[0];
        CountingBackend backend = new CountingBackend();
        Telemetry.install(backend);

        Job job = new Job("job-" + tag + "-1", "image.resize", Map.of("model", "sdxl", "prompt", "a cat"),
                new Job.Owner("ada", "sk-live-123"));
        OrderService orders = new OrderService();
        orders.placeOrder(job);
        try {
            orders.failOrder(new Job("job-" + tag + "-2", "image.resize", Map.of(), new Job.Owner("bob", "k")));
        } catch (IllegalStateException expected) {
            System.out.println("failOrder threw as designed");
        }
        job.getSummary();

        new ResizeProcessor().handle("cat.png");
        new NightlyReport().run(21);
        new StatusBoard().post("job-" + tag + "-1", 42);

        Sampled sampled = new Sampled();
        for (int i = 0; i < 400; i++) {
            sampled.half(i);
            sampled.never(i);
        }

        BillingService billing = new BillingService();
        billing.invoice("job-" + tag + "-3", 500, "hunter2");
        try {
            billing.invoice("job-" + tag + "-4", -1, "x");
        } catch (IllegalArgumentException expected) {
            System.out.println("invoice threw as designed");
        }
        new EmailNotifier().send("ops@example.com");
        new UpperHandler().handle("abc");
        Telemetry.event("facade.standalone", Map.of("k", "v", "apiKey", "abc"));

        runIsolated(tag);
        if (isPresent("io.opentelemetry.api.trace.Span")) OtelScenario.run(tag);

        System.out.println("backend-calls=" + backend.calls.get());
        System.out.println("RULES-APP-DONE");
    }

    @SuppressWarnings("unchecked")
    private static void runIsolated(String tag) throws Exception {
        String path = System.getProperty("it.isolated.classpath");
        if (path == null) return;
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator)) urls.add(Paths.get(entry).toUri().toURL());
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName("io.emp.telemetry.it.isolated.IsolatedWorker", true, isolated);
            Function<String, String> worker = (Function<String, String>) type.getDeclaredConstructor().newInstance();
            System.out.println("isolated: " + worker.apply("job-" + tag + "-5") + " loader=" + type.getClassLoader());
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, RulesApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
