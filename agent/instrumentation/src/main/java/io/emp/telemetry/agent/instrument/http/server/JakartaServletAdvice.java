package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * On {@code jakarta.servlet.Servlet#service(ServletRequest, ServletResponse)} implementations.
 * Inlined into the servlet's class, which sees the servlet API: it extracts plain values in the
 * named parameters of {@code Bridge.serverRequestEnter}. Never the body, never a header but traceparent.
 */
public final class JakartaServletAdvice {
    private JakartaServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(0) ServletRequest request) {
        if (!(request instanceof HttpServletRequest)) return null;
        try {
            // an error page (Spring Boot's /error), an async re-dispatch: the container calls the
            // servlet again after the request's entry point returned; the same request, not a new one
            if (request.getDispatcherType() != DispatcherType.REQUEST) return null;
        } catch (Throwable noDispatcherTypes) {
            // a container older than Servlet 3.0: every call is a request
        }
        if (!Bridge.active(site)) return null;
        HttpServletRequest http = (HttpServletRequest) request;
        String route = null;
        try {
            HttpServletMapping mapping = http.getHttpServletMapping();
            // "/" is the default servlet's catch-all: naming it as the route would say nothing
            if (mapping != null && !"/".equals(mapping.getPattern())) {
                route = http.getContextPath() + mapping.getPattern();
            }
        } catch (Throwable olderContainer) {
            route = null;
        }
        return Bridge.serverRequestEnter(site, origin, http.getMethod(), http.getRequestURI(), route,
                http.getHeader("traceparent"), http.getServerName(), http.getLocalPort());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Argument(1) ServletResponse response,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) return;
        // the exit must run whatever happens: it ends the request the handler keeps per thread
        // A servlet that threw before the response was committed has sent nothing yet (its status
        // still reads 200): -1, and the handler records the 500 the container will send. Once
        // committed, the status on the wire is the one to record.
        int status = -1;
        try {
            if (response instanceof HttpServletResponse && (thrown == null || response.isCommitted())) {
                status = ((HttpServletResponse) response).getStatus();
            }
        } catch (Throwable unknown) {
            status = -1;
        }
        Bridge.serverRequestExit(token, status, thrown);
    }
}
