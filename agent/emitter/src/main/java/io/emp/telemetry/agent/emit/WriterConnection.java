package io.emp.telemetry.agent.emit;

import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Jedis's {@link Connection} (socket or TLS socket, AUTH/ACL, SELECT, client name, reply parsing) with one
 * addition: commands the writer already encoded as RESP ({@link RespEncoder}) go to the socket as they are,
 * through a buffer of their own, and are flushed together. Jedis's own buffer is flushed first, and every
 * command Jedis sends itself is flushed before its reply is read, so the two never interleave.
 */
final class WriterConnection extends Connection {
    private static final int RAW_BUFFER_BYTES = 64 * 1024;

    private final OutputStream raw;

    private WriterConnection(SocketCapture sockets, JedisClientConfig config) {
        super(sockets, config); // connects: the socket factory is called here
        try {
            this.raw = new BufferedOutputStream(sockets.socket.getOutputStream(), RAW_BUFFER_BYTES);
        } catch (IOException e) {
            setBroken();
            close();
            throw new JedisConnectionException("no output stream on the Redis socket", e);
        }
    }

    static WriterConnection open(HostAndPort address, JedisClientConfig config) {
        return new WriterConnection(new SocketCapture(new DefaultJedisSocketFactory(address, config)), config);
    }

    /** Buffers one RESP-encoded command; it reaches the socket at {@link #flushRaw()} (or when the buffer fills). */
    void sendRaw(byte[] command) {
        try {
            raw.write(command);
        } catch (IOException e) {
            setBroken();
            throw new JedisConnectionException(e);
        }
    }

    /** Writes every buffered command to the socket, without waiting for any reply. */
    void flushRaw() {
        flush();
        try {
            raw.flush();
        } catch (IOException e) {
            setBroken();
            throw new JedisConnectionException(e);
        }
    }

    /** Sends one RESP-encoded command and reads its reply (an error reply throws {@code JedisDataException}). */
    Object execute(byte[] command) {
        sendRaw(command);
        flushRaw();
        return getOne();
    }

    /** Jedis's socket factory, remembering the socket it made for this connection. */
    private static final class SocketCapture implements JedisSocketFactory {
        private final JedisSocketFactory delegate;
        private Socket socket;

        SocketCapture(JedisSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket() {
            socket = delegate.createSocket();
            return socket;
        }
    }
}
