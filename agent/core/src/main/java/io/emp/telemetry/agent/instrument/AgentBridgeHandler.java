package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.bootstrap.BridgeHandler;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's side of the bridge: routes calls to call site handlers and the facade, behind the
 * re-entrancy {@link Guard}, and turns any failure into a counted, once-logged no-op.
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
    public Object enter(int site, Class<?> origin, Object self, Object[] args) {
        CallSiteHandler handler = sites.get(site);
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
    public void exit(Object token, Object returned, Throwable thrown) {
        if (!(token instanceof SiteCall)) return;
        int[] guard = Guard.tryEnter();
        if (guard == null) return;
        try {
            ((SiteCall) token).exit(returned, thrown);
        } catch (Throwable t) {
            failed("call exit", t);
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
