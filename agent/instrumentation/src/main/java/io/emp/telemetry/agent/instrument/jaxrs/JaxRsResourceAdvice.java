package io.emp.telemetry.agent.instrument.jaxrs;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * On JAX-RS resource methods. Everything it passes is a constant of the instrumented method (route,
 * class, method name): it reads nothing of the application. The mount path is left to the request
 * ({@code null}): the resource method cannot see the servlet mapping or JDK context it is served under.
 */
public final class JaxRsResourceAdvice {
    private JaxRsResourceAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @JaxRsRoute String route,
                             @Advice.Origin Class<?> resourceClass,
                             @Advice.Origin("#m") String method) {
        if (!Bridge.active(site)) return;
        Bridge.serverRoute(site, null, route, resourceClass, method);
    }
}
