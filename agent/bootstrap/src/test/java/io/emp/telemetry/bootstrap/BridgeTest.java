package io.emp.telemetry.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class BridgeTest {
    @AfterEach
    void uninstall() {
        Bridge.install(null);
    }

    @Test
    void withoutAHandlerEveryEntryPointIsANoOp() {
        assertNull(Bridge.enter(0, BridgeTest.class, this, new Object[0]));
        Bridge.exit("token", null, null);
        assertFalse(Bridge.facade(BridgeTest.class, "event", null, "x.y", Map.of(), null));
        assertNull(Bridge.traceparent(BridgeTest.class));
    }

    @Test
    void aThrowingHandlerNeverReachesTheCaller() {
        Bridge.install(new BridgeHandler() {
            @Override
            public Object enter(int site, Class<?> origin, Object self, Object[] args) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void exit(Object token, Object returned, Throwable thrown) {
                throw new StackOverflowError();
            }

            @Override
            public boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error) {
                throw new IllegalStateException("boom");
            }

            @Override
            public String traceparent(Class<?> origin) {
                throw new IllegalStateException("boom");
            }
        });
        assertNull(Bridge.enter(0, BridgeTest.class, this, new Object[0]));
        Bridge.exit("token", null, null);
        assertFalse(Bridge.facade(BridgeTest.class, "event", null, "x.y", Map.of(), null));
        assertNull(Bridge.traceparent(BridgeTest.class));
    }

    @Test
    void callsReachTheInstalledHandler() {
        Object[] exited = new Object[1];
        Bridge.install(new BridgeHandler() {
            @Override
            public Object enter(int site, Class<?> origin, Object self, Object[] args) {
                return "site-" + site;
            }

            @Override
            public void exit(Object token, Object returned, Throwable thrown) {
                exited[0] = token + "/" + returned;
            }

            @Override
            public boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error) {
                return true;
            }

            @Override
            public String traceparent(Class<?> origin) {
                return "00-x";
            }
        });
        Object token = Bridge.enter(7, BridgeTest.class, this, new Object[0]);
        assertEquals("site-7", token);
        Bridge.exit(token, 42, null);
        assertEquals("site-7/42", exited[0]);
        assertEquals("00-x", Bridge.traceparent(BridgeTest.class));
    }
}
