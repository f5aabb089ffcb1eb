package io.emp.telemetry.collector.reactions.tools;

import io.emp.telemetry.collector.consume.StreamEntry;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.decode.EntryDecoder;
import io.emp.telemetry.schema.MalformedEventException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Past events of both streams for {@code reactions check} and {@code reactions replay}, oldest first. */
public final class History {
    private History() {
    }

    /** The last {@code n} entries of each stream. */
    public static List<ConsumedEvent> last(RedisCommands<String, String> redis, List<String> streams, String errors, int n) {
        List<ConsumedEvent> out = new ArrayList<>();
        for (String s : streams) {
            List<StreamMessage<String, String>> msgs = new ArrayList<>(redis.xrevrange(s, Range.create("-", "+"), Limit.from(n)));
            Collections.reverse(msgs);
            decode(s, s.equals(errors), msgs, out);
        }
        out.sort(Comparator.comparing(e -> e.event().timestamp()));
        return out;
    }

    /** Entries written between {@code fromMs} and {@code toMs} (stream ids are times), in pages. */
    public static List<ConsumedEvent> between(RedisCommands<String, String> redis, List<String> streams, String errors,
                                              long fromMs, long toMs, int max) {
        List<ConsumedEvent> out = new ArrayList<>();
        for (String s : streams) {
            String start = fromMs + "-0";
            while (out.size() < max) {
                List<StreamMessage<String, String>> page = redis.xrange(s, Range.create(start, toMs + "-" + Long.MAX_VALUE),
                        Limit.from(500));
                if (page.isEmpty()) break;
                decode(s, s.equals(errors), page, out);
                start = "(" + page.get(page.size() - 1).getId();
                if (page.size() < 500) break;
            }
        }
        out.sort(Comparator.comparing((ConsumedEvent e) -> e.event().timestamp()).thenComparing(ConsumedEvent::entryId));
        return out;
    }

    private static void decode(String stream, boolean errors, List<StreamMessage<String, String>> msgs, List<ConsumedEvent> out) {
        for (StreamMessage<String, String> m : msgs) {
            if (m.getBody() == null) continue;
            try {
                out.add(EntryDecoder.decode(new StreamEntry(stream, m.getId(), m.getBody()), errors));
            } catch (MalformedEventException skipped) {
                // Not an event: the export group dead-letters it.
            }
        }
    }
}
