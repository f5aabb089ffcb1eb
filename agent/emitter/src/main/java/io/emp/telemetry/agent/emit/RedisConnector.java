package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.log.AgentLog;
import io.emp.telemetry.agent.log.ReasonLog;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The writer's one Redis connection. Used only by the writer thread: connecting blocks (bounded by
 * {@code redis.timeout}), which is why no application thread ever calls it. Lettuce's own
 * reconnect is off; the writer decides when to retry, so failures are logged once, not per attempt.
 */
final class RedisConnector {
    private static final long REMINDER_MILLIS = 10 * 60 * 1000L;

    private final EmitterConfig config;
    private final ReasonLog failures = new ReasonLog(REMINDER_MILLIS);
    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private boolean everConnected;

    RedisConnector(EmitterConfig config) {
        this.config = config;
    }

    /** The open connection, or {@code null}. */
    StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isOpen() ? c : null;
    }

    /** Connects if not connected; returns the connection or {@code null} after logging why not. */
    StatefulRedisConnection<String, String> connect() {
        StatefulRedisConnection<String, String> c = connection();
        if (c != null) return c;
        disconnect();
        try {
            if (client == null) client = newClient();
            c = client.connect(StringCodec.UTF8, redisUri());
            // Pipelining: commands are buffered until the writer flushes a whole batch.
            c.setAutoFlushCommands(false);
            connection = c;
            if (failures.recovered() || everConnected) {
                AgentLog.info("connected to Redis again at " + config.redisUrlForLog());
            } else {
                AgentLog.info("connected to Redis at " + config.redisUrlForLog());
            }
            everConnected = true;
            return c;
        } catch (Throwable t) {
            ConnectFailure f = ConnectFailure.of(t);
            failures.failure(f.reason, AgentLog.Level.WARN, f.describe(config));
            return null;
        }
    }

    private RedisURI redisUri() {
        RedisURI uri = RedisURI.create(config.redisUrl());
        uri.setTimeout(config.redisTimeout());
        return uri;
    }

    private RedisClient newClient() {
        LettuceDefaults.applyIfRelocated();
        // Telemetry traffic is small: Lettuce's minimum of two IO and two computation threads (all daemons).
        resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        RedisClient c = RedisClient.create(resources);
        c.setOptions(clientOptions());
        return c;
    }

    private ClientOptions clientOptions() {
        ClientOptions.Builder b = ClientOptions.builder()
                .autoReconnect(false)
                // Fail fast while disconnected; the writer keeps the batch and retries after reconnecting.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.redisTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(config.redisTimeout()))
                .requestQueueSize(Math.max(1024, config.batchSize() * 4));
        if (config.tlsCaFile() != null) {
            b.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(new File(config.tlsCaFile())).build());
        }
        return b.build();
    }

    /** Drops the current connection (after a failed batch); the next {@link #connect()} opens a new one. */
    void disconnect() {
        StatefulRedisConnection<String, String> c = connection;
        connection = null;
        if (c != null && c.isOpen()) {
            try {
                c.closeAsync();
            } catch (Throwable ignored) {
                // Already broken; nothing to release beyond what Lettuce releases itself.
            }
        }
    }

    /** Releases the connection, the client and its threads without waiting long. */
    void shutdown() {
        // The client closes its connections itself; closing them here as well only makes Lettuce warn.
        connection = null;
        try {
            ClientResources r = resources;
            if (client == null) return;
            // Resources only after the client is down: Netty complains about listeners on a terminated event loop otherwise.
            client.shutdownAsync(0, 1, TimeUnit.SECONDS).whenComplete((ok, error) -> r.shutdown(0, 1, TimeUnit.SECONDS));
        } catch (Throwable ignored) {
            // Daemon threads; the JVM can exit regardless.
        }
    }
}
