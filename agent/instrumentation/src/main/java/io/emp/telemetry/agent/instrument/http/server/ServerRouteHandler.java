package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.instrument.ServerRouteSite;

/**
 * Names the handler of the request in flight on this thread, for the framework instrumentations
 * (Spring MVC, JAX-RS): their advice calls {@code Bridge.serverRoute} once the framework has
 * matched the request. The first match of a request counts: a forward to another handler or a
 * resource method calling another does not rename what the client asked for. Stateless; every
 * framework module registers it under {@link #SITE_KEY}, so they share one site.
 */
public final class ServerRouteHandler implements ServerRouteSite {
    public static final String SITE_KEY = "http-server:route";

    /** Only while one of our requests is in flight and unnamed: else the advice reads nothing. */
    @Override
    public boolean active() {
        ServerRequestHandler.Request request = ServerRequestHandler.inFlight();
        return request != null && !request.hasHandler();
    }

    @Override
    public void route(String mountPath, String route, Class<?> handlerClass, String handlerMethod) {
        ServerRequestHandler.Request request = ServerRequestHandler.inFlight();
        if (request == null || request.hasHandler()) return;
        String base = mountPath != null ? mountPath : mountOf(request.serverRoute());
        String function = handlerClass == null || handlerMethod == null ? null
                : handlerClass.getName() + "." + handlerMethod;
        request.matched(new HandlerMatch(route == null ? null : join(base, route), function));
    }

    /**
     * Where a framework that cannot see the request is mounted, from the route the server knows:
     * a servlet's prefix mapping {@code /ctx/api/*} → {@code /ctx/api}; a JDK server context
     * {@code /api} → {@code /api}; the default servlet (no route), {@code /*} or {@code /} → "".
     * An extension mapping ({@code *.do}) says nothing about a prefix.
     */
    static String mountOf(String serverRoute) {
        if (serverRoute == null || serverRoute.startsWith("*.")) return "";
        String mount = serverRoute.endsWith("/*") ? serverRoute.substring(0, serverRoute.length() - 2) : serverRoute;
        return mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
    }

    /** {@code /api} + {@code owners/{id}} → {@code /api/owners/{id}}: one slash between, none doubled. */
    static String join(String base, String route) {
        String b = base == null ? "" : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String r = route.startsWith("/") ? route : "/" + route;
        return b + r;
    }
}
