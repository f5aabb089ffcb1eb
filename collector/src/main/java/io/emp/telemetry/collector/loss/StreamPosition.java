package io.emp.telemetry.collector.loss;

import io.emp.telemetry.collector.inspect.StreamIds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What XINFO STREAM and XINFO GROUPS say about one stream and one group, and what follows from it:
 * how many entries were trimmed before the group read them.
 *
 * <p>Redis counts every entry ever added ({@code entries-added}) and, per group, every entry it
 * delivered ({@code entries-read}, incremented by one per delivered entry, also across a trimmed
 * gap). So: while the group is still before the first entry ({@code last-delivered-id} &lt;
 * {@code first-entry}), the entries trimmed unread are {@code entries-added − length − entries-read};
 * once the group has caught up ({@code last-delivered-id} = {@code last-generated-id}) they are
 * {@code entries-added − entries-read}. In between Redis cannot tell cheaply and the count waits.
 */
public record StreamPosition(long entriesAdded, long length, String firstEntryId, String lastGeneratedId,
                             String lastDeliveredId, long entriesRead, long pending) {

    /** Entries the group will never read because they were trimmed first (cumulative), or -1 when unknown now. */
    public long trimmedUnread() {
        if (entriesRead < 0 || entriesAdded < 0 || lastDeliveredId == null) return -1;
        if (lastDeliveredId.equals(lastGeneratedId)) return Math.max(0, entriesAdded - entriesRead);
        if (length == 0 || firstEntryId == null || StreamIds.compare(lastDeliveredId, firstEntryId) < 0) {
            return Math.max(0, entriesAdded - length - entriesRead);
        }
        return -1;
    }

    /** Entries added and not yet delivered to the group and still in the stream, as far as Redis can tell (≥ 0). */
    public long undelivered() {
        if (entriesRead < 0) return 0;
        long trimmed = Math.max(0, trimmedUnread());
        return Math.max(0, entriesAdded - entriesRead - trimmed);
    }

    /** Reads the position of {@code group} on {@code stream} now; {@code null} when the stream does not exist. */
    public static StreamPosition read(io.lettuce.core.api.sync.RedisCommands<String, String> redis, String stream, String group) {
        List<Object> info;
        try {
            info = redis.xinfoStream(stream);
        } catch (io.lettuce.core.RedisCommandExecutionException noSuchKey) {
            return null;
        }
        Map<String, Object> found = null;
        for (Object g : redis.xinfoGroups(stream)) {
            if (g instanceof List<?> fields) {
                Map<String, Object> m = pairs(fields);
                if (group.equals(String.valueOf(m.get("name")))) found = m;
            }
        }
        return of(info, found);
    }

    /** From the raw replies of XINFO STREAM (flat key/value list) and the group's entry of XINFO GROUPS. */
    static StreamPosition of(List<Object> streamInfo, Map<String, Object> group) {
        Map<String, Object> s = pairs(streamInfo);
        return new StreamPosition(asLong(s.get("entries-added")), asLong(s.get("length")), firstId(s.get("first-entry")),
                str(s.get("last-generated-id")), group == null ? null : str(group.get("last-delivered-id")),
                group == null ? -1 : asLong(group.get("entries-read")), group == null ? 0 : Math.max(0, asLong(group.get("pending"))));
    }

    static Map<String, Object> pairs(List<?> flat) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) m.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        return m;
    }

    private static String firstId(Object firstEntry) {
        if (firstEntry instanceof List<?> l && !l.isEmpty()) return String.valueOf(l.get(0));
        return null;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    static long asLong(Object v) {
        if (v instanceof Number n) return n.longValue();
        if (v == null) return -1;
        try {
            return Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
