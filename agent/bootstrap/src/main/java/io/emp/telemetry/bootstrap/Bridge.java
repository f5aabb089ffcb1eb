package io.emp.telemetry.bootstrap;

import java.util.Map;

/**
 * Static entry points for advice inlined into application classes. This class lives on the
 * bootstrap class path, so code in ANY class loader (system, isolated, child-first) can call it;
 * that is why advice references only this class and JDK types.
 * <p>
 * One entry point per kind of call site, with named, typed parameters (a generic method call, an
 * incoming HTTP request, an outgoing HTTP request, a Redis function or script call and its pipelined reply): advice and handler are
 * compiled against the same signature, so neither side can reorder or drop a value unnoticed.
 * <p>
 * The hot path allocates nothing until the agent wants the call: advice first asks
 * {@link #active(int)} and only then extracts values or builds an argument array. Every entry
 * point is a cheap no-op while no handler is installed and never throws: a failure of the agent
 * must never become a failure of the application.
 */
public final class Bridge {
    private static volatile BridgeHandler handler;

    private Bridge() {
    }

    /** Called once by the agent core when it is ready; {@code null} turns the bridge off again. */
    public static void install(BridgeHandler newHandler) {
        handler = newHandler;
    }

    public static boolean isInstalled() {
        return handler != null;
    }

    /**
     * Whether the agent wants this call of {@code site} (a handler is installed, the site is known,
     * the agent is not already running on this thread, the call is sampled in). Allocation-free.
     * A {@code true} answer must be followed by the site's enter call on the same thread.
     */
    public static boolean active(int site) {
        BridgeHandler h = handler;
        if (h == null) return false;
        try {
            return h.active(site);
        } catch (Throwable ignored) {
            return false;
        }
    }

    /** Entry of an instrumented method (rules, annotations): the receiver and all arguments. */
    public static Object methodEnter(int site, Class<?> origin, Object self, Object[] args) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.methodEnter(site, origin, self, args);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** Entry of an incoming HTTP request, values read from the server's request object. */
    public static Object serverRequestEnter(int site, Class<?> origin, String method, String path, String route,
                                            String traceparent, String serverAddress, int serverPort) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.serverRequestEnter(site, origin, method, path, route, traceparent, serverAddress, serverPort);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** End of an incoming HTTP request; {@code status} -1 when no response status was set. */
    public static void serverRequestExit(Object token, int status, Throwable thrown) {
        if (token == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.serverRequestExit(token, status, thrown);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * A web framework matched the current incoming request to a handler: {@code route} is the
     * template it matched ({@code /owners/{id}}), relative to {@code mountPath} (the context path
     * and servlet prefix the framework is served under), or to the request's own servlet mapping or
     * JDK context when {@code mountPath} is {@code null} (the advice cannot see the request).
     * {@code handlerClass} and {@code handlerMethod} name the controller method. Only acts while a
     * server request of the agent is in flight on this thread; ask {@link #active(int)} first.
     */
    public static void serverRoute(int site, String mountPath, String route, Class<?> handlerClass,
                                   String handlerMethod) {
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.serverRoute(site, mountPath, route, handlerClass, handlerMethod);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * Entry of an outgoing {@code java.net.http} request ({@code request} is a
     * {@code java.net.http.HttpRequest}; typed as Object so the bridge never links that module).
     */
    public static Object clientRequestEnter(int site, Class<?> origin, Object request) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.clientRequestEnter(site, origin, request);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** The request to send instead of the caller's (a copy with a {@code traceparent}), or {@code null}. */
    public static Object clientRequestReplacement(Object token) {
        if (token == null) return null;
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.clientRequestReplacement(token);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /**
     * Creation of an outgoing HTTP call of a library the agent cannot link (OkHttp): the values the
     * advice read from the library's request. {@code serverPort} -1 when unknown; {@code traceparent}
     * the request's own header, or {@code null}.
     */
    public static Object clientCallEnter(int site, Class<?> origin, String method, String url, String serverAddress,
                                         int serverPort, String traceparent) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.clientCallEnter(site, origin, method, url, serverAddress, serverPort, traceparent);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** The {@code traceparent} header value the advice adds to the call's request, or {@code null}. */
    public static String clientCallTraceparent(Object token) {
        if (token == null) return null;
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.clientCallTraceparent(token);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** Ties the call of {@code token} to the library's call object ({@code libraryCall}), ended by {@link #clientCallEnd}. */
    public static void clientCallBind(Object token, Object libraryCall) {
        if (token == null || libraryCall == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.clientCallBind(token, libraryCall);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * End of a library call bound with {@link #clientCallBind}: the response {@code status} (-1 when
     * there is none) or {@code thrown}. Any thread; a call never bound is ignored.
     */
    public static void clientCallEnd(int site, Object libraryCall, int status, Throwable thrown) {
        if (libraryCall == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.clientCallEnd(site, libraryCall, status, thrown);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * Entry of a Redis function call: the client method's name ({@code fcall}, {@code fcallReadonly}…),
     * the function name (String or byte[]), and its keys and arguments (only counted).
     */
    public static Object functionCallEnter(int site, Class<?> origin, String clientMethod, Object function,
                                           Object keys, Object args) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.functionCallEnter(site, origin, clientMethod, function, keys, args);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /**
     * A pipelined or transactional reply arrived: {@code response} is the client's handle for one queued command
     * (Jedis's {@code Response}), {@code reply} its raw reply, an exception object for an error reply. Called for
     * every queued command; {@link #active(int)} answers {@code false} while no instrumented call waits for one.
     */
    public static void pipelinedReply(int site, Object response, Object reply) {
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.pipelinedReply(site, response, reply);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * Exit of a call whose enter returned {@code token} (normal return or exception); for every
     * kind but the incoming HTTP request. Returns what the instrumented method must return instead
     * of {@code returned} (a reactive client's publisher with completion callbacks), or
     * {@code returned} itself.
     */
    public static Object exit(Object token, Object returned, Throwable thrown) {
        if (token == null) return returned;
        BridgeHandler h = handler;
        if (h == null) return returned;
        try {
            return h.exit(token, returned, thrown);
        } catch (Throwable ignored) {
            return returned;
        }
    }

    /**
     * The facade's single funnel. {@code true} means the agent handled the call and the facade's
     * own body (its no-op or library backend) must be skipped.
     */
    public static boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data,
                                 Throwable error) {
        BridgeHandler h = handler;
        if (h == null) return false;
        try {
            return h.facade(origin, kind, id, type, data, error);
        } catch (Throwable ignored) {
            return false;
        }
    }

    /** For outgoing requests: the {@code traceparent} header value of the current span, or {@code null}. */
    public static String traceparent(Class<?> origin) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.traceparent(origin);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /**
     * Entry of an outgoing HTTP request whose values the advice read from a client library's own
     * request object (Apache HttpClient 5): method, URL parts ({@code port} -1 when the URL has
     * none; {@code target} is path plus query, the agent drops the query) and whether the caller
     * already set a {@code traceparent} header (then it is left alone).
     */
    public static Object httpClientEnter(int site, Class<?> origin, String method, String scheme, String host,
                                         int port, String target, boolean callerTraceparent) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.httpClientEnter(site, origin, method, scheme, host, port, target, callerTraceparent);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** The {@code traceparent} value the advice puts on the request of {@code token}'s call, or {@code null}. */
    public static String httpClientTraceparent(Object token) {
        if (token == null) return null;
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.httpClientTraceparent(token);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** End of the call of {@code token}: the response's {@code status} (-1 when there is none) or {@code thrown}. */
    public static void httpClientExit(Object token, int status, Throwable thrown) {
        if (token == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.httpClientExit(token, status, thrown);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * Entry of {@code connect}, {@code getOutputStream} or {@code getInputStream} of the JDK's
     * {@link java.net.HttpURLConnection}; {@code connected} is the connection's own flag, read
     * before the call. One connection is one request, whichever of these calls comes first.
     */
    public static Object urlConnectionEnter(int site, Class<?> origin, java.net.HttpURLConnection connection,
                                            boolean connected) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.urlConnectionEnter(site, origin, connection, connected);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /**
     * Exit of that call: the connection's {@code responseCode} field (-1 while no status line was
     * read), {@code thrown}, and whether the call was the one that reads the response
     * ({@code getInputStream}), after which the request is over.
     */
    public static void urlConnectionExit(Object token, int responseCode, Throwable thrown, boolean responseRead) {
        if (token == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.urlConnectionExit(token, responseCode, thrown, responseRead);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * Entry of an asynchronous client library's execute (Apache HttpClient 5 async
     * {@code doExecute}); the request itself comes with {@link #asyncHttpClientSend}.
     */
    public static Object asyncHttpClientStart(int site, Class<?> origin) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.asyncHttpClientStart(site, origin);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** Exit of that execute (it returned its future, or threw). */
    public static void asyncHttpClientExit(Object token, Throwable thrown) {
        if (token == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.asyncHttpClientExit(token, thrown);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** Whether an execute on this thread still waits for its request; allocation-free. */
    public static boolean asyncHttpClientAwaitsRequest(int site) {
        BridgeHandler h = handler;
        if (h == null) return false;
        try {
            return h.asyncHttpClientAwaitsRequest(site);
        } catch (Throwable ignored) {
            return false;
        }
    }

    /**
     * The request of this thread's execute, as the library hands it to its exec chain, with the
     * library's callback for the exchange; returns the {@code traceparent} to set, or {@code null}.
     */
    public static String asyncHttpClientSend(int site, Object exchange, String method, String scheme, String host,
                                             int port, String target, boolean callerTraceparent) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.asyncHttpClientSend(site, exchange, method, scheme, host, port, target, callerTraceparent);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** The exchange's response arrived with {@code status}. */
    public static void asyncHttpClientResponse(int site, Object exchange, int status) {
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.asyncHttpClientResponse(site, exchange, status);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** The exchange completed ({@code error == null}) or failed. */
    public static void asyncHttpClientEnd(int site, Object exchange, Throwable error) {
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.asyncHttpClientEnd(site, exchange, error);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    // ---------------------------------------------------------------------------------------------
    // WebSocket connections (issue 12). A connection is known by the objects its callbacks see:
    // the session (Jakarta Session, Jetty Session) where the callback has one, and the endpoint
    // instance; both typed Object so the bridge never links a WebSocket API.
    // ---------------------------------------------------------------------------------------------

    /**
     * A WebSocket connection opened ({@code @OnOpen}, {@code Endpoint.onOpen},
     * {@code onWebSocketOpen}). {@code side} is {@code server} or {@code client}; {@code socketId}
     * the API's own id (Jakarta {@code Session.getId()}) or {@code null}; every string may be null.
     */
    public static void socketOpened(int site, Class<?> origin, Object session, Object endpoint, String api,
                                    String side, String socketId, String path, String route, String userId,
                                    String peerAddress, int peerPort, String traceparent) {
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.socketOpened(site, origin, session, endpoint, api, side, socketId, path, route, userId,
                    peerAddress, peerPort, traceparent);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * A message callback of a connection starts: the connection's span becomes current on this
     * thread, so what the callback does (a rule's {@code websocket.subscribed}) is in the
     * connection's trace. Returns the token for {@link #socketMessageExit}, or {@code null}.
     */
    public static Object socketMessageEnter(int site, Object session, Object endpoint) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.socketMessageEnter(site, session, endpoint);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** The message callback of {@code token} returned or threw. */
    public static void socketMessageExit(Object token) {
        if (token == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.socketMessageExit(token);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** The connection's endpoint reported an error ({@code @OnError}, {@code onWebSocketError}). */
    public static void socketError(int site, Class<?> origin, Object session, Object endpoint, Throwable error) {
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.socketError(site, origin, session, endpoint, error);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** The connection closed; {@code closeCode} -1 when the callback does not see one. */
    public static void socketClosed(int site, Class<?> origin, Object session, Object endpoint, int closeCode,
                                    String reason) {
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.socketClosed(site, origin, session, endpoint, closeCode, reason);
        } catch (Throwable ignored) {
            // never into the application
        }
    }
}
