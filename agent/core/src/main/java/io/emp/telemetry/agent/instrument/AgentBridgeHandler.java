package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.bootstrap.BridgeHandler;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's side of the bridge: routes each kind of call to the {@link SiteHandler} of that kind
 * registered under the site, behind the re-entrancy {@link Guard}, and turns any failure into a
 * counted, once-logged no-op. A site whose handler is of another kind is treated as unknown.
 */
public final class AgentBridgeHandler implements BridgeHandler {
    /** How the agent takes a facade call; see {@code instrument.facade}. */
    public interface FacadeTarget {
        boolean dispatch(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error);
    }

    private final CallSites sites;
    private final FacadeTarget facade;
    private final AtomicLong failures = new AtomicLong();

    public AgentBridgeHandler(CallSites sites, FacadeTarget facade) {
        this.sites = sites;
        this.facade = facade;
    }

    @Override
    public boolean active(int site) {
        SiteHandler handler = sites.get(site);
        // calls made by the agent itself (an application getter a path reads) never emit
        if (handler == null || Guard.isHeld()) return false;
        try {
            return handler.active();
        } catch (Throwable t) {
            failed("call site " + site, t);
            return false;
        }
    }

    @Override
    public Object methodEnter(int site, Class<?> origin, Object self, Object[] args) {
        CallSiteHandler handler = sites.get(site, CallSiteHandler.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.enter(origin, self, args);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object serverRequestEnter(int site, Class<?> origin, String method, String path, String route,
                                     String traceparent, String serverAddress, int serverPort) {
        ServerRequestSite handler = sites.get(site, ServerRequestSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.enter(origin, method, path, route, traceparent, serverAddress, serverPort);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void serverRequestExit(Object token, int status, Throwable thrown) {
        if (!(token instanceof ServerRequestSite.Call)) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            ((ServerRequestSite.Call) token).end(status, thrown);
        } catch (Throwable t) {
            failed("request end", t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void serverRoute(int site, String mountPath, String route, Class<?> handlerClass, String handlerMethod) {
        ServerRouteSite handler = sites.get(site, ServerRouteSite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.route(mountPath, route, handlerClass, handlerMethod);
        } catch (Throwable t) {
            failed("call site " + site, t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object clientRequestEnter(int site, Class<?> origin, Object request) {
        ClientRequestSite handler = sites.get(site, ClientRequestSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.enter(origin, request);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object clientRequestReplacement(Object token) {
        return token instanceof ClientRequestSite.Call ? ((ClientRequestSite.Call) token).replacementRequest() : null;
    }

    @Override
    public Object clientCallEnter(int site, Class<?> origin, String method, String url, String serverAddress,
                                  int serverPort, String traceparent) {
        ClientCallSite handler = sites.get(site, ClientCallSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.enter(origin, method, url, serverAddress, serverPort, traceparent);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public String clientCallTraceparent(Object token) {
        return token instanceof ClientCallSite.Call ? ((ClientCallSite.Call) token).traceparentToAdd() : null;
    }

    @Override
    public void clientCallBind(Object token, Object libraryCall) {
        if (!(token instanceof ClientCallSite.Call)) return;
        try {
            ((ClientCallSite.Call) token).bindTo(libraryCall);
        } catch (Throwable t) {
            failed("client call bind", t);
        }
    }

    @Override
    public void clientCallEnd(int site, Object libraryCall, int status, Throwable thrown) {
        ClientCallSite handler = sites.get(site, ClientCallSite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.end(libraryCall, status, thrown);
        } catch (Throwable t) {
            failed("client call end", t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object httpClientEnter(int site, Class<?> origin, String method, String scheme, String host, int port,
                                  String target, boolean callerTraceparent) {
        LibraryClientRequestSite handler = sites.get(site, LibraryClientRequestSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.enter(origin, method, scheme, host, port, target, callerTraceparent);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public String httpClientTraceparent(Object token) {
        return token instanceof LibraryClientRequestSite.Call ? ((LibraryClientRequestSite.Call) token).traceparent() : null;
    }

    @Override
    public void httpClientExit(Object token, int status, Throwable thrown) {
        if (!(token instanceof LibraryClientRequestSite.Call)) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            ((LibraryClientRequestSite.Call) token).end(status, thrown);
        } catch (Throwable t) {
            failed("request end", t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object urlConnectionEnter(int site, Class<?> origin, HttpURLConnection connection, boolean connected) {
        UrlConnectionSite handler = sites.get(site, UrlConnectionSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.enter(origin, connection, connected);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void urlConnectionExit(Object token, int responseCode, Throwable thrown, boolean responseRead) {
        if (!(token instanceof UrlConnectionSite.Call)) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            ((UrlConnectionSite.Call) token).exit(responseCode, thrown, responseRead);
        } catch (Throwable t) {
            failed("request end", t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object asyncHttpClientStart(int site, Class<?> origin) {
        AsyncClientRequestSite handler = sites.get(site, AsyncClientRequestSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.start(origin);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void asyncHttpClientExit(Object token, Throwable thrown) {
        if (!(token instanceof AsyncClientRequestSite.Call)) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            ((AsyncClientRequestSite.Call) token).exit(thrown);
        } catch (Throwable t) {
            failed("request exit", t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public boolean asyncHttpClientAwaitsRequest(int site) {
        AsyncClientRequestSite handler = sites.get(site, AsyncClientRequestSite.class);
        if (handler == null || Guard.isHeld()) return false;
        try {
            return handler.awaitsRequest();
        } catch (Throwable t) {
            failed("call site " + site, t);
            return false;
        }
    }

    @Override
    public String asyncHttpClientSend(int site, Object exchange, String method, String scheme, String host, int port,
                                      String target, boolean callerTraceparent) {
        AsyncClientRequestSite handler = sites.get(site, AsyncClientRequestSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.send(exchange, method, scheme, host, port, target, callerTraceparent);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void asyncHttpClientResponse(int site, Object exchange, int status) {
        AsyncClientRequestSite handler = sites.get(site, AsyncClientRequestSite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.response(exchange, status);
        } catch (Throwable t) {
            failed("call site " + site, t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void asyncHttpClientEnd(int site, Object exchange, Throwable error) {
        AsyncClientRequestSite handler = sites.get(site, AsyncClientRequestSite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.end(exchange, error);
        } catch (Throwable t) {
            failed("request end", t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object functionCallEnter(int site, Class<?> origin, String clientMethod, Object function,
                                    Object keys, Object args) {
        FunctionCallSite handler = sites.get(site, FunctionCallSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.enter(origin, clientMethod, function, keys, args);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void pipelinedReply(int site, Object response, Object reply) {
        PipelinedReplySite handler = sites.get(site, PipelinedReplySite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.replied(response, reply);
        } catch (Throwable t) {
            failed("call site " + site, t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object exit(Object token, Object returned, Throwable thrown) {
        if (!(token instanceof SiteCall)) return returned;
        int[] guard = Guard.tryEnter();
        if (guard == null) return returned;
        SiteCall call = (SiteCall) token;
        try {
            call.exit(returned, thrown);
            return call.replacement(returned);
        } catch (Throwable t) {
            failed("call exit", t);
            return returned;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error) {
        if (facade == null) return false;
        int[] guard = Guard.tryEnter();
        // A facade call from inside the agent's own work (an application getter the agent called)
        // is swallowed rather than passed to the application's backend: it was not the app's call.
        if (guard == null) return true;
        try {
            return facade.dispatch(origin, kind, id, type, data, error);
        } catch (Throwable t) {
            failed("facade", t);
            return true;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public String traceparent(Class<?> origin) {
        SpanContext context = Spans.currentContext(origin);
        return context == null ? null : TraceParent.format(context);
    }

    // ---- WebSocket connections (issue 12) ----

    @Override
    public void socketOpened(int site, Class<?> origin, Object session, Object endpoint, String api, String side,
                             String socketId, String path, String route, String userId, String peerAddress,
                             int peerPort, String traceparent) {
        WebSocketSite handler = sites.get(site, WebSocketSite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.opened(origin, session, endpoint, api, side, socketId, path, route, userId, peerAddress,
                    peerPort, traceparent);
        } catch (Throwable t) {
            failed("call site " + site, t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public Object socketMessageEnter(int site, Object session, Object endpoint) {
        WebSocketSite handler = sites.get(site, WebSocketSite.class);
        if (handler == null) return null;
        int[] guard = Guard.tryEnter();
        if (guard == null) return null;
        try {
            return handler.messageEnter(session, endpoint);
        } catch (Throwable t) {
            failed("call site " + site, t);
            return null;
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void socketMessageExit(Object token) {
        if (!(token instanceof WebSocketSite.MessageScope)) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            ((WebSocketSite.MessageScope) token).end();
        } catch (Throwable t) {
            failed("websocket message end", t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void socketError(int site, Class<?> origin, Object session, Object endpoint, Throwable error) {
        WebSocketSite handler = sites.get(site, WebSocketSite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.error(origin, session, endpoint, error);
        } catch (Throwable t) {
            failed("call site " + site, t);
        } finally {
            Guard.exit(guard);
        }
    }

    @Override
    public void socketClosed(int site, Class<?> origin, Object session, Object endpoint, int closeCode,
                             String reason) {
        WebSocketSite handler = sites.get(site, WebSocketSite.class);
        if (handler == null) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            handler.closed(origin, session, endpoint, closeCode, reason);
        } catch (Throwable t) {
            failed("call site " + site, t);
        } finally {
            Guard.exit(guard);
        }
    }

    public long failureCount() {
        return failures.get();
    }

    private void failed(String where, Throwable t) {
        long n = failures.incrementAndGet();
        if (n == 1 || Long.bitCount(n) == 1) {
            Log.warn("instrument", "internal failure #" + n + " in " + where + ", the call was not recorded", t);
        }
    }
}
