package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.RedisEndpoint;
import io.emp.telemetry.agent.log.AgentLog;
import io.emp.telemetry.agent.log.ReasonLog;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * The writer's one Redis connection: a plain blocking Jedis {@link Connection} (socket, RESP encoder,
 * buffered streams; no pool, no threads). Used only by the writer thread: connecting blocks (bounded by
 * {@code redis.timeout}), which is why no application thread ever calls it. Failures are logged once
 * per reason, not once per attempt.
 */
final class RedisConnector {
    private static final long REMINDER_MILLIS = 10 * 60 * 1000L;
    static final String CLIENT_NAME = "emp-telemetry-agent";

    private final EmitterConfig config;
    private final ReasonLog failures = new ReasonLog(REMINDER_MILLIS);
    private JedisClientConfig clientConfig;
    private WriterConnection connection;
    private boolean everConnected;
    private boolean lastFailureRefused;

    RedisConnector(EmitterConfig config) {
        this.config = config;
    }

    /** The open connection, or {@code null}. */
    WriterConnection connection() {
        WriterConnection c = connection;
        return c != null && c.isConnected() && !c.isBroken() ? c : null;
    }

    /** Connects if not connected; returns the connection or {@code null} after logging why not. */
    WriterConnection connect() {
        WriterConnection c = connection();
        if (c != null) return c;
        disconnect();
        try {
            if (clientConfig == null) clientConfig = clientConfig();
            RedisEndpoint e = config.endpoint();
            // Connects, authenticates (AUTH / HELLO-less RESP2), selects the database; throws on any failure.
            c = WriterConnection.open(new HostAndPort(e.host(), e.port()), clientConfig);
            connection = c;
            lastFailureRefused = false;
            if (failures.recovered() || everConnected) {
                AgentLog.info("connected to Redis again at " + config.redisUrlForLog());
            } else {
                AgentLog.info("connected to Redis at " + config.redisUrlForLog());
            }
            everConnected = true;
            return c;
        } catch (Throwable t) {
            ConnectFailure f = ConnectFailure.of(t);
            lastFailureRefused = f.refused;
            failures.failure(f.reason, AgentLog.Level.WARN, f.describe(config));
            return null;
        }
    }

    /**
     * Whether the last attempt was refused outright (nothing listening: Redis stopped or restarting).
     * Such a probe costs the server nothing, so the writer retries it faster than the backoff.
     */
    boolean lastFailureRefused() {
        return lastFailureRefused;
    }

    private JedisClientConfig clientConfig() throws Exception {
        RedisEndpoint e = config.endpoint();
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.redisTimeout().toMillis());
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .user(e.user())
                .password(e.password())
                .database(e.database())
                .clientName(CLIENT_NAME)
                // CLIENT SETINFO would read Jedis's own version resource and cost a round trip for nothing.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (e.tls()) {
            b.ssl(true).sslSocketFactory(TlsSockets.socketFactory(config)).sslParameters(TlsSockets.parameters());
        }
        return b.build();
    }

    /** Drops the current connection (after a failed batch); the next {@link #connect()} opens a new one. */
    void disconnect() {
        WriterConnection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (Throwable ignored) {
                // Already broken; closing the socket is all there is to release.
            }
        }
    }

    void shutdown() {
        disconnect();
    }
}
