package io.emp.sample.api;

import io.emp.sample.jobs.JobQueue;
import io.emp.sample.jobs.RedisSetup;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Embedded Jetty with the job API, backed by the emp_jobs function library in Redis, and a
 * WebSocket on {@code /ws/jobs} where a client follows one job's status ({@link JobStatusSocket}).
 */
public final class ApiServer implements AutoCloseable {
    private final ApiConfig config;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> connection;
    private Server jetty;
    private JobStatusFeed feed;

    public ApiServer(ApiConfig config) {
        this.config = config;
    }

    /** Connects to Redis, loads the function library, starts HTTP; returns the bound port. */
    public int start() throws Exception {
        redisClient = RedisSetup.client(config.redisUrl());
        connection = redisClient.connect();
        JobQueue queue = new JobQueue(connection.sync());
        queue.loadFunctions();

        jetty = new Server();
        ServerConnector http = new ServerConnector(jetty);
        http.setHost(config.host());
        http.setPort(config.port());
        jetty.addConnector(http);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("jobs", new JobsServlet(queue, new RateLimiter(config.rateLimitPerSecond()))), "/jobs/*");
        context.addServlet(new ServletHolder("health", new HealthServlet(connection.sync())), "/health");
        context.addServlet(new ServletHolder("not-found", new NotFoundServlet()), "/");
        // On stop, requests in flight may finish (up to the stop timeout) while new ones are refused.
        feed = new JobStatusFeed(connection.sync());
        ContextHandler ws = new ContextHandler("/ws");
        ws.setHandler(WebSocketUpgradeHandler.from(jetty, ws,
                container -> container.addMapping("/jobs", (request, response, callback) -> new JobStatusSocket(feed))));
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new ContextHandlerCollection(ws, context));
        jetty.setHandler(graceful);
        jetty.setStopTimeout(5_000);
        jetty.start();
        return http.getLocalPort();
    }

    /** Stops accepting requests, lets running ones finish, then closes Redis. */
    @Override
    public void close() throws Exception {
        try {
            if (jetty != null) jetty.stop();
        } finally {
            if (feed != null) feed.close();
            if (connection != null) connection.close();
            if (redisClient != null) redisClient.shutdown();
        }
    }
}
