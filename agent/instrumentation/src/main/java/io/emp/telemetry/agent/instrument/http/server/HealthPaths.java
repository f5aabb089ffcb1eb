package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.config.Settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which requests are health checks ({@code instrumentation.http_server.health_paths},
 * {@code EMP_INSTRUMENTATION_HTTP_SERVER_HEALTH_PATHS}): a comma-separated list. A name without {@code /}
 * ({@code health}) matches a path whose last segment it is, case-insensitively ({@code /health},
 * {@code /api/v1/health/}); an entry starting with {@code /} matches that exact path, or every path under it when it
 * ends in {@code /*} ({@code /internal/probes/*}). Empty (or {@code none}) turns health checks off: such requests are
 * plain {@code http.server.request}s. Matching is a few string comparisons, no regular expression, so a request's
 * path (which the client chooses) can never make it slow.
 */
final class HealthPaths {
    static final String KEY = "instrumentation.http_server.health_paths";
    static final String DEFAULT = "health,healthz,ready,readyz,readiness,live,livez,liveness";

    // Arrays, not lists: matches() runs on every request and must not allocate an iterator.
    private final String[] lastSegments;
    private final String[] exactPaths;
    private final String[] prefixes;

    private HealthPaths(List<String> lastSegments, List<String> exactPaths, List<String> prefixes) {
        this.lastSegments = lastSegments.toArray(new String[0]);
        this.exactPaths = exactPaths.toArray(new String[0]);
        this.prefixes = prefixes.toArray(new String[0]);
    }

    static HealthPaths from(Settings settings) {
        String value = settings.get(KEY);
        return parse(value == null ? DEFAULT : value);
    }

    static HealthPaths parse(String list) {
        List<String> segments = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (!"none".equalsIgnoreCase(list.trim())) {
            for (String raw : list.split(",")) {
                String entry = raw.trim();
                if (entry.isEmpty()) continue;
                if (!entry.startsWith("/")) {
                    if (entry.indexOf('/') >= 0 || entry.indexOf('*') >= 0) {
                        Log.warn("http-server", KEY + ": '" + entry + "' is neither a path segment name nor a path"
                                + " starting with '/'; ignored");
                        continue;
                    }
                    segments.add(entry.toLowerCase(Locale.ROOT));
                } else if (entry.endsWith("/*")) {
                    prefixes.add(entry.substring(0, entry.length() - 1));
                } else {
                    exact.add(stripTrailingSlash(entry));
                }
            }
        }
        return new HealthPaths(segments, exact, prefixes);
    }

    static HealthPaths defaults() {
        return parse(DEFAULT);
    }

    /** Whether a request for {@code path} (without query string) is a health check. */
    boolean matches(String path) {
        if (path == null || path.isEmpty()) return false;
        String trimmed = stripTrailingSlash(path);
        for (String exact : exactPaths) {
            if (exact.equals(trimmed)) return true;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) return true;
        }
        if (lastSegments.length == 0) return false;
        int start = trimmed.lastIndexOf('/') + 1;
        int length = trimmed.length() - start;
        for (String segment : lastSegments) {
            if (segment.length() == length && trimmed.regionMatches(true, start, segment, 0, length)) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(Arrays.asList(lastSegments));
        all.addAll(Arrays.asList(exactPaths));
        for (String p : prefixes) all.add(p + "*");
        return all.isEmpty() ? "none" : String.join(",", all);
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
