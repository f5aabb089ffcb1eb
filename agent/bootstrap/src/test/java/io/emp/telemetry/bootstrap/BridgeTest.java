package io.emp.telemetry.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeTest {
    @AfterEach
    void uninstall() {
        Bridge.install(null);
    }

    @Test
    void withoutAHandlerEveryEntryPointIsANoOp() {
        assertNoOps();
        assertFalse(Bridge.facade(BridgeTest.class, "event", null, "x.y", Map.of(), null));
    }

    @Test
    void aThrowingHandlerNeverReachesTheCaller() {
        Bridge.install(new Throwing());
        assertNoOps();
        assertFalse(Bridge.facade(BridgeTest.class, "event", null, "x.y", Map.of(), null));
    }

    private void assertNoOps() {
        assertFalse(Bridge.active(0));
        assertNull(Bridge.methodEnter(0, BridgeTest.class, this, new Object[0]));
        assertNull(Bridge.serverRequestEnter(0, BridgeTest.class, "GET", "/", null, null, null, -1));
        Bridge.serverRequestExit("token", 200, null);
        Bridge.serverRoute(0, "", "/owners/{id}", BridgeTest.class, "show");
        assertNull(Bridge.clientRequestEnter(0, BridgeTest.class, "request"));
        assertNull(Bridge.clientRequestReplacement("token"));
        assertNull(Bridge.clientCallEnter(0, BridgeTest.class, "GET", "http://h/", "h", 80, null));
        assertNull(Bridge.clientCallTraceparent("token"));
        Bridge.clientCallBind("token", "call");
        Bridge.clientCallEnd(0, "call", 200, null);
        assertNull(Bridge.functionCallEnter(0, BridgeTest.class, "fcall", "f", null, null));
        Bridge.pipelinedReply(0, "response", "reply");
        assertNull(Bridge.httpClientEnter(0, BridgeTest.class, "GET", "http", "h", 80, "/", false));
        assertNull(Bridge.httpClientTraceparent("token"));
        Bridge.httpClientExit("token", 200, null);
        assertNull(Bridge.urlConnectionEnter(0, BridgeTest.class, null, false));
        Bridge.urlConnectionExit("token", 200, null, true);
        assertNull(Bridge.asyncHttpClientStart(0, BridgeTest.class));
        Bridge.asyncHttpClientExit("token", null);
        assertFalse(Bridge.asyncHttpClientAwaitsRequest(0));
        assertNull(Bridge.asyncHttpClientSend(0, "exchange", "GET", "http", "h", 80, "/", false));
        Bridge.asyncHttpClientResponse(0, "exchange", 200);
        Bridge.asyncHttpClientEnd(0, "exchange", null);
        assertEquals("result", Bridge.exit("token", "result", null));
        assertNull(Bridge.traceparent(BridgeTest.class));
        Bridge.socketOpened(0, BridgeTest.class, "session", this, "jakarta", "server", "1", "/ws", "/ws", null,
                "127.0.0.1", 4000, null);
        assertNull(Bridge.socketMessageEnter(0, "session", this));
        Bridge.socketMessageExit("token");
        Bridge.socketError(0, BridgeTest.class, "session", this, new IllegalStateException("app"));
        Bridge.socketClosed(0, BridgeTest.class, "session", this, 1000, "bye");
    }

    @Test
    void callsReachTheInstalledHandlerWithTheirNamedValues() {
        Object[] seen = new Object[1];
        Bridge.install(new Throwing() {
            @Override
            public boolean active(int site) {
                return site == 7;
            }

            @Override
            public Object methodEnter(int site, Class<?> origin, Object self, Object[] args) {
                return "site-" + site + "/" + args.length;
            }

            @Override
            public Object serverRequestEnter(int site, Class<?> origin, String method, String path, String route,
                                             String traceparent, String serverAddress, int serverPort) {
                return method + " " + path + " " + route + " " + traceparent + " " + serverAddress + ":" + serverPort;
            }

            @Override
            public void serverRequestExit(Object token, int status, Throwable thrown) {
                seen[0] = token + " -> " + status;
            }

            @Override
            public void serverRoute(int site, String mountPath, String route, Class<?> handlerClass,
                                    String handlerMethod) {
                seen[0] = site + " " + mountPath + route + " " + handlerClass.getSimpleName() + "." + handlerMethod;
            }

            @Override
            public Object clientCallEnter(int site, Class<?> origin, String method, String url, String serverAddress,
                                          int serverPort, String traceparent) {
                return method + " " + url + " " + serverAddress + ":" + serverPort + " " + traceparent;
            }

            @Override
            public String clientCallTraceparent(Object token) {
                return "tp-of-" + token;
            }

            @Override
            public void clientCallBind(Object token, Object libraryCall) {
                seen[0] = token + " bound to " + libraryCall;
            }

            @Override
            public void clientCallEnd(int site, Object libraryCall, int status, Throwable thrown) {
                seen[0] = seen[0] + " -> " + site + ":" + status;
            }

            @Override
            public Object functionCallEnter(int site, Class<?> origin, String clientMethod, Object function,
                                            Object keys, Object args) {
                return clientMethod + "(" + function + ")";
            }

            @Override
            public void pipelinedReply(int site, Object response, Object reply) {
                seen[0] = response + " <- " + reply;
            }

            @Override
            public Object exit(Object token, Object returned, Throwable thrown) {
                return token + "/" + returned;
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
        assertTrue(Bridge.active(7));
        assertFalse(Bridge.active(8));
        Object token = Bridge.methodEnter(7, BridgeTest.class, this, new Object[2]);
        assertEquals("site-7/2", token);
        assertEquals("site-7/2/42", Bridge.exit(token, 42, null));
        Object request = Bridge.serverRequestEnter(1, BridgeTest.class, "GET", "/a", "/r", "tp", "host", 8080);
        assertEquals("GET /a /r tp host:8080", request);
        Bridge.serverRequestExit(request, 204, null);
        assertEquals("GET /a /r tp host:8080 -> 204", seen[0]);
        Bridge.serverRoute(3, "/api", "/owners/{id}", BridgeTest.class, "show");
        assertEquals("3 /api/owners/{id} BridgeTest.show", seen[0]);
        Object call = Bridge.clientCallEnter(3, BridgeTest.class, "POST", "http://h:81/p", "h", 81, null);
        assertEquals("POST http://h:81/p h:81 null", call);
        assertEquals("tp-of-" + call, Bridge.clientCallTraceparent(call));
        Bridge.clientCallBind(call, "okhttp-call");
        Bridge.clientCallEnd(3, "okhttp-call", 503, null);
        assertEquals(call + " bound to okhttp-call -> 3:503", seen[0]);
        assertEquals("fcall(f)", Bridge.functionCallEnter(2, BridgeTest.class, "fcall", "f", null, null));
        Bridge.pipelinedReply(3, "response", "OK");
        assertEquals("response <- OK", seen[0]);
        assertTrue(Bridge.facade(BridgeTest.class, "event", null, "x.y", Map.of(), null));
        assertEquals("00-x", Bridge.traceparent(BridgeTest.class));
    }

    /** A handler whose every method throws. */
    private static class Throwing implements BridgeHandler {
        @Override
        public boolean active(int site) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object methodEnter(int site, Class<?> origin, Object self, Object[] args) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object serverRequestEnter(int site, Class<?> origin, String method, String path, String route,
                                         String traceparent, String serverAddress, int serverPort) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void serverRequestExit(Object token, int status, Throwable thrown) {
            throw new StackOverflowError();
        }

        @Override
        public void serverRoute(int site, String mountPath, String route, Class<?> handlerClass, String handlerMethod) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object clientRequestEnter(int site, Class<?> origin, Object request) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object clientRequestReplacement(Object token) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object clientCallEnter(int site, Class<?> origin, String method, String url, String serverAddress,
                                      int serverPort, String traceparent) {
            throw new IllegalStateException("boom");
        }

        @Override
        public String clientCallTraceparent(Object token) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void clientCallBind(Object token, Object libraryCall) {
            throw new StackOverflowError();
        }

        @Override
        public void clientCallEnd(int site, Object libraryCall, int status, Throwable thrown) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object functionCallEnter(int site, Class<?> origin, String clientMethod, Object function,
                                        Object keys, Object args) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void pipelinedReply(int site, Object response, Object reply) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object exit(Object token, Object returned, Throwable thrown) {
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

        @Override
        public Object httpClientEnter(int site, Class<?> origin, String method, String scheme, String host, int port,
                                      String target, boolean callerTraceparent) {
            throw new IllegalStateException("boom");
        }

        @Override
        public String httpClientTraceparent(Object token) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void httpClientExit(Object token, int status, Throwable thrown) {
            throw new StackOverflowError();
        }

        @Override
        public Object urlConnectionEnter(int site, Class<?> origin, java.net.HttpURLConnection connection,
                                         boolean connected) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void urlConnectionExit(Object token, int responseCode, Throwable thrown, boolean responseRead) {
            throw new StackOverflowError();
        }

        @Override
        public Object asyncHttpClientStart(int site, Class<?> origin) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void asyncHttpClientExit(Object token, Throwable thrown) {
            throw new StackOverflowError();
        }

        @Override
        public boolean asyncHttpClientAwaitsRequest(int site) {
            throw new IllegalStateException("boom");
        }

        @Override
        public String asyncHttpClientSend(int site, Object exchange, String method, String scheme, String host,
                                          int port, String target, boolean callerTraceparent) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void asyncHttpClientResponse(int site, Object exchange, int status) {
            throw new StackOverflowError();
        }

        @Override
        public void asyncHttpClientEnd(int site, Object exchange, Throwable error) {
            throw new StackOverflowError();
        }

        @Override
        public void socketOpened(int site, Class<?> origin, Object session, Object endpoint, String api, String side,
                                 String socketId, String path, String route, String userId, String peerAddress,
                                 int peerPort, String traceparent) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Object socketMessageEnter(int site, Object session, Object endpoint) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void socketMessageExit(Object token) {
            throw new StackOverflowError();
        }

        @Override
        public void socketError(int site, Class<?> origin, Object session, Object endpoint, Throwable error) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void socketClosed(int site, Class<?> origin, Object session, Object endpoint, int closeCode,
                                 String reason) {
            throw new IllegalStateException("boom");
        }
    }
}
