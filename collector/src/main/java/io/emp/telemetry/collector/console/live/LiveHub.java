package io.emp.telemetry.collector.console.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fan-out to the open live feeds. Publishing never blocks: each subscriber has a bounded queue,
 * and what a slow page cannot take is counted and told to it ({@link LiveSubscriber}).
 */
public final class LiveHub {
    /** Kinds of message on the feed, also the SSE {@code event:} names. */
    public enum Kind { EVENT, STATUS, REDIS, DROPPED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One message: its kind, what it is about (for the subscriber's filter) and its JSON-ready body. */
    public record Message(Kind kind, Object subject, Object body) {
    }

    private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final LongAdder published = new LongAdder();

    public void publish(Message m) {
        published.increment();
        for (LiveSubscriber s : subscribers) s.offer(m);
    }

    public void add(LiveSubscriber s) {
        subscribers.add(s);
    }

    public void remove(LiveSubscriber s) {
        subscribers.remove(s);
    }

    public int subscribers() {
        return subscribers.size();
    }

    public long published() {
        return published.sum();
    }
}
