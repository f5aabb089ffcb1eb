package io.emp.telemetry.agent.instrument.spring.webmvc;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;
import org.springframework.web.method.HandlerMethod;

/**
 * On {@code HandlerAdapter#handle(HttpServletRequest, HttpServletResponse, Object)} of Spring 5
 * ({@code javax.servlet}). Reads a request attribute Spring has set and the handler's class and
 * method; calls nothing else on the application's objects.
 */
public final class SpringMvcJavaxAdvice {
    private SpringMvcJavaxAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @Advice.Argument(0) HttpServletRequest request,
                             @Advice.Argument(2) Object handler) {
        if (request == null || !Bridge.active(site)) return;
        // HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE: a String, or a PathPattern whose
        // toString() is its pattern; relative to the servlet's prefix mapping
        Object pattern = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
        // a prefix mapping (/api/*) leaves path info; the default servlet (/) has none
        String mount = request.getPathInfo() != null ? request.getContextPath() + request.getServletPath()
                : request.getContextPath();
        if (handler instanceof HandlerMethod) {
            HandlerMethod method = (HandlerMethod) handler;
            Bridge.serverRoute(site, mount, pattern == null ? null : pattern.toString(), method.getBeanType(),
                    method.getMethod().getName());
        } else {
            Bridge.serverRoute(site, mount, pattern == null ? null : pattern.toString(), null, null);
        }
    }
}
