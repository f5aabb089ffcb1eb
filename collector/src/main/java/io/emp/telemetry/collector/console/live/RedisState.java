package io.emp.telemetry.collector.console.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Whether the console can reach Redis right now, as the stream feed sees it (it talks to Redis
 * every second). Every change is pushed to the open pages, which show a banner while Redis is away.
 */
public final class RedisState {
    private final String where;
    private final Consumer<Map<String, Object>> onChange;
    private boolean up;
    private String error = "not connected yet";
    private long since = System.currentTimeMillis();

    public RedisState(String where, Consumer<Map<String, Object>> onChange) {
        this.where = where;
        this.onChange = onChange;
    }

    public void up() {
        Map<String, Object> changed = null;
        synchronized (this) {
            if (!up) {
                up = true;
                error = null;
                since = System.currentTimeMillis();
                changed = snapshot();
            }
        }
        if (changed != null) onChange.accept(changed);
    }

    public void down(String reason) {
        Map<String, Object> changed = null;
        synchronized (this) {
            if (up || !reason.equals(error)) {
                if (up) since = System.currentTimeMillis();
                up = false;
                error = reason;
                changed = snapshot();
            }
        }
        if (changed != null) onChange.accept(changed);
    }

    public synchronized boolean isUp() {
        return up;
    }

    /** {@code up}, {@code error}, {@code since} (when it last changed), {@code redis} (the server, no password). */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", up);
        m.put("error", error);
        m.put("since", since);
        m.put("redis", where);
        return m;
    }
}
