package io.emp.telemetry.agent.emit;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/** Jedis's {@link Connection} with an explicit flush, so the writer can send a batch, encode the next one, then read the replies. */
final class WriterConnection extends Connection {
    WriterConnection(HostAndPort address, JedisClientConfig config) {
        super(address, config);
    }

    /** Writes what {@code sendCommand} buffered to the socket, without waiting for any reply. */
    void flushNow() {
        flush();
    }
}
