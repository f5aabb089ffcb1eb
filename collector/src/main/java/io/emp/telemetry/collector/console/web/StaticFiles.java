package io.emp.telemetry.collector.console.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The pages: static files from the jar ({@code /console/} on the class path), no build step, no
 * CDN. Every page is the same shell ({@code page.html}) naming its own script: {@code /jobs.html}
 * runs {@code jobs.js}. {@code /} goes to the jobs page. Only plain file names are served (no
 * directories, no {@code ..}).
 */
public final class StaticFiles implements HttpHandler {
    private static final String ROOT = "/console/";
    /** The pages; each has {@code <name>.js}. */
    public static final Set<String> PAGES = Set.of("live", "jobs", "job", "trace", "errors", "machines", "throughput");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                Http.error(ex, 405, "method not allowed");
                return;
            }
            if (path.equals("/")) {
                ex.getResponseHeaders().set("Location", "/jobs.html");
                ex.sendResponseHeaders(302, -1);
                return;
            }
            String name = path.substring(1);
            int dot = name.lastIndexOf('.');
            String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
            if (type == null || !name.matches("[a-z0-9-]+\\.[a-z]+")) {
                Http.error(ex, 404, "not found: " + path);
                return;
            }
            String page = name.substring(0, dot);
            boolean isPage = name.endsWith(".html") && PAGES.contains(page);
            try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + (isPage ? "page.html" : name))) {
                if (in == null || name.equals("page.html")) {
                    Http.error(ex, 404, "not found: " + path);
                    return;
                }
                byte[] body = in.readAllBytes();
                if (isPage) body = new String(body, StandardCharsets.UTF_8).replace("{{page}}", page).getBytes(StandardCharsets.UTF_8);
                Http.send(ex, 200, type, body);
            }
        } finally {
            ex.close();
        }
    }
}
