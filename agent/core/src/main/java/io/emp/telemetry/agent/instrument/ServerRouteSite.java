package io.emp.telemetry.agent.instrument;

/**
 * A web framework's handler lookup for the incoming request in flight on this thread (Spring MVC's
 * handler adapter, a JAX-RS resource method): the route template it matched and the handler
 * method, which the request's events then carry. {@link #active()} is false when no request of
 * the agent is in flight on the thread, so the advice reads nothing.
 */
public interface ServerRouteSite extends SiteHandler {
    /**
     * {@code route} relative to {@code mountPath} (context path and servlet prefix), or, when
     * {@code mountPath} is null, to the request's own servlet mapping or JDK context.
     */
    void route(String mountPath, String route, Class<?> handlerClass, String handlerMethod);
}
