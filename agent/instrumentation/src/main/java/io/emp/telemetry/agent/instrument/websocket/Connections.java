package io.emp.telemetry.agent.instrument.websocket;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The open connections, found again from the objects a callback sees: the session (where the
 * callback declares one) and the endpoint instance. Keys are compared by identity (the agent never
 * calls an application's {@code equals}/{@code hashCode}) and held weakly, so a connection whose
 * close callback never ran goes away with its session and endpoint; at most {@link #MAX} entries
 * (beyond that a new connection is not tracked, and the caller counts it).
 * <p>
 * An endpoint instance shared by several connections (a singleton from a configurator) cannot
 * name one connection: its key becomes {@link #SHARED} and only the session finds the connection.
 */
final class Connections<C> {
    static final int MAX = 65_536;
    private static final Object SHARED = new Object();

    private final Map<Key, Object> byKey = new HashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** {@code false} when the table is full (nothing is stored). */
    synchronized boolean put(Object session, Object endpoint, C connection) {
        expunge();
        if (byKey.size() + 2 > MAX) return false;
        if (session != null) byKey.put(new Key(session, collected), connection);
        if (endpoint != null && endpoint != session) {
            Key key = new Key(endpoint, collected);
            Object existing = byKey.get(key);
            byKey.put(key, existing == null || existing == connection ? connection : SHARED);
        }
        return true;
    }

    /**
     * The connection of {@code session} when the callback sees one (the session is authoritative),
     * else of {@code endpoint} when that names one connection; or null.
     */
    @SuppressWarnings("unchecked")
    synchronized C find(Object session, Object endpoint) {
        Object key = session != null ? session : endpoint;
        Object found = key == null ? null : byKey.get(new Key(key, null));
        return found == null || found == SHARED ? null : (C) found;
    }

    /** Forgets {@code connection} under both keys; {@code false} if it was not (or no longer) known. */
    synchronized boolean remove(Object session, Object endpoint, C connection) {
        boolean removed = false;
        if (session != null) removed |= byKey.remove(new Key(session, null), connection);
        if (endpoint != null) removed |= byKey.remove(new Key(endpoint, null), connection);
        return removed;
    }

    synchronized int size() {
        expunge();
        return byKey.size();
    }

    private void expunge() {
        for (Object ref; (ref = collected.poll()) != null; ) byKey.remove(ref);
    }

    /** A weak identity key; a probe key (no queue) finds the stored one for the same referent. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) return true;
            if (!(other instanceof Key)) return false;
            Object mine = get();
            return mine != null && mine == ((Key) other).get();
        }
    }
}
