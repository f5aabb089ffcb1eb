package io.emp.telemetry.collector.console.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.emp.telemetry.collector.console.web.Http;
import io.emp.telemetry.collector.inspect.RedisSession;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JSON API endpoint: GET only unless it says otherwise; a bad parameter is 400, Redis away is 503
 * with a one-line reason (no password), anything else 500 and logged.
 */
abstract class ApiHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());

    protected final ConsoleContext ctx;

    ApiHandler(ConsoleContext ctx) {
        this.ctx = ctx;
    }

    /** The response body (serialised as JSON with status 200), or null after the handler replied itself. */
    abstract Object get(HttpExchange ex, Map<String, String> query) throws IOException;

    Object post(HttpExchange ex, Map<String, String> query) throws IOException {
        Http.error(ex, 405, "method not allowed");
        return null;
    }

    @Override
    public final void handle(HttpExchange ex) throws IOException {
        try {
            Map<String, String> q = Http.query(ex);
            Object body = switch (ex.getRequestMethod()) {
                case "GET", "HEAD" -> get(ex, q);
                case "POST" -> post(ex, q);
                default -> {
                    Http.error(ex, 405, "method not allowed");
                    yield null;
                }
            };
            if (body != null) Http.json(ex, 200, body);
        } catch (IllegalArgumentException e) {
            Http.error(ex, 400, e.getMessage());
        } catch (RuntimeException e) {
            if (RedisSession.isRedisError(e)) {
                Http.error(ex, 503, RedisSession.failure(String.valueOf(ctx.redisState().snapshot().get("redis")), e).getMessage());
            } else {
                LOG.log(Level.WARNING, "console: " + ex.getRequestURI().getPath() + " failed", e);
                Http.error(ex, 500, "internal error: " + e.getClass().getSimpleName());
            }
        } finally {
            ex.close();
        }
    }
}
