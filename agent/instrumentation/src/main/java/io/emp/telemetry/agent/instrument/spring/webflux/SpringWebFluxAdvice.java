package io.emp.telemetry.agent.instrument.spring.webflux;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * On WebFlux's {@code HandlerAdapter#handle(ServerWebExchange, Object)}: reads an exchange
 * attribute Spring has set, the request's context path and the handler's class and method.
 */
public final class SpringWebFluxAdvice {
    private SpringWebFluxAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @Advice.Argument(0) ServerWebExchange exchange,
                             @Advice.Argument(1) Object handler) {
        if (exchange == null || !Bridge.active(site)) return;
        // HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE: a PathPattern, whose toString() is its pattern
        Object pattern = exchange.getAttribute("org.springframework.web.reactive.HandlerMapping.bestMatchingPattern");
        // on a servlet container: the context path plus the servlet's prefix, which patterns are relative to
        String mount = exchange.getRequest().getPath().contextPath().value();
        if (handler instanceof HandlerMethod) {
            HandlerMethod method = (HandlerMethod) handler;
            Bridge.serverRoute(site, mount, pattern == null ? null : pattern.toString(), method.getBeanType(),
                    method.getMethod().getName());
        } else {
            Bridge.serverRoute(site, mount, pattern == null ? null : pattern.toString(), null, null);
        }
    }
}
