package io.emp.telemetry.agent.instrument.websocket;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionsTest {
    private final Connections<String> connections = new Connections<>();

    @Test
    void aConnectionIsFoundByItsSessionOrByItsOwnEndpoint() {
        Object session = new Object();
        Object endpoint = new Object();
        assertTrue(connections.put(session, endpoint, "c1"));

        assertEquals("c1", connections.find(session, null));
        assertEquals("c1", connections.find(null, endpoint));
        assertNull(connections.find(new Object(), endpoint), "a session, when seen, is authoritative");
        assertTrue(connections.remove(session, endpoint, "c1"));
        assertNull(connections.find(session, endpoint));
        assertFalse(connections.remove(session, endpoint, "c1"), "a second close finds nothing");
    }

    @Test
    void anEndpointSharedByTwoConnectionsNamesNeither() {
        Object shared = new Object();
        Object first = new Object();
        Object second = new Object();
        connections.put(first, shared, "c1");
        connections.put(second, shared, "c2");

        assertNull(connections.find(null, shared));
        assertEquals("c1", connections.find(first, shared));
        assertEquals("c2", connections.find(second, shared));
    }

    @Test
    void keysAreComparedByIdentityNeverByTheApplicationsEquals() {
        EqualToEverything session = new EqualToEverything();
        connections.put(session, null, "c1");

        assertNull(connections.find(new EqualToEverything(), null));
        assertSame("c1", connections.find(session, null));
        assertEquals(0, EqualToEverything.calls, "neither equals nor hashCode of the application's object ran");
    }

    @Test
    void theTableIsBounded() {
        List<Object> open = new ArrayList<>(); // held: weak keys of collected sessions would free room
        int stored = 0;
        for (int i = 0; i < Connections.MAX; i++) {
            Object session = new Object();
            open.add(session);
            if (connections.put(session, null, "c")) stored++;
        }
        assertTrue(stored < Connections.MAX);
        assertFalse(connections.put(new Object(), null, "one too many"));
    }

    static final class EqualToEverything {
        static int calls;

        @Override
        public boolean equals(Object other) {
            calls++;
            return true;
        }

        @Override
        public int hashCode() {
            calls++;
            return 1;
        }
    }
}
