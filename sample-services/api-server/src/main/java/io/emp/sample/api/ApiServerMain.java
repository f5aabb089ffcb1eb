package io.emp.sample.api;

import io.emp.sample.jobs.RedisSetup;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar api-server.jar}: runs until SIGTERM / Ctrl-C. */
public final class ApiServerMain {
    private ApiServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ApiConfig config;
        try {
            config = ApiConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("api-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("api-server starting (redis " + RedisSetup.redact(config.redisUrl()) + ")");
        ApiServer server = new ApiServer(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("api-server stopping");
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("api-server: error while stopping: " + e);
            }
            System.out.println("api-server stopped");
            stopped.countDown();
        }, "api-server-shutdown"));

        int port;
        try {
            port = server.start();
        } catch (Exception e) {
            System.err.println("api-server: cannot start: " + e);
            System.exit(1);
            return;
        }
        System.out.println("api-server listening on http://" + config.host() + ":" + port);
        stopped.await();
    }
}
