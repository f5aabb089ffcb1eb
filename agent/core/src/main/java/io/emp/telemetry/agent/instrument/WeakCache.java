package io.emp.telemetry.agent.instrument;

import java.util.Map;
import java.util.WeakHashMap;

/** A small synchronized weak-keyed map: entries vanish with their key (e.g. an undeployed class loader). */
final class WeakCache<K, V> {
    private final Map<K, V> map = new WeakHashMap<>();

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }
}
