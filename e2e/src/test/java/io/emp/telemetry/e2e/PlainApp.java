package io.emp.telemetry.e2e;

/**
 * An application with neither Jetty, Jedis, Lettuce nor OkHttp on its class path (only the JDK and this
 * module's test classes), run with the agent by {@link AgentWithoutLibrariesE2ETest}. Its
 * {@link ReportWorker} matches the built-in worker rule by convention, so its events in Redis prove
 * the agent was active.
 */
public final class PlainApp {
    private PlainApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String library : new String[] {"org.eclipse.jetty.server.Server", "redis.clients.jedis.Jedis",
                "io.lettuce.core.RedisClient", "okhttp3.OkHttpClient"}) {
            try {
                Class.forName(library, false, PlainApp.class.getClassLoader());
                System.out.println("present: " + library);
            } catch (ClassNotFoundException expected) {
                System.out.println("absent: " + library);
            }
        }
        new ReportWorker("plain-worker-1", "plain-machine-1").start();
        // Long enough for the agent's writer to connect and send while the application runs.
        Thread.sleep(2_000);
        System.out.println("plain-app done");
    }

    /** Named {@code *Worker} with {@code start()}, {@code workerId} and {@code machineId}: the convention. */
    static final class ReportWorker {
        private final String workerId;
        private final String machineId;

        ReportWorker(String workerId, String machineId) {
            this.workerId = workerId;
            this.machineId = machineId;
        }

        void start() {
            System.out.println("worker " + workerId + " on " + machineId + " started");
        }
    }
}
