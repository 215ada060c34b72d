package io.aihelpdesk.governance.auditor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-trace / per-principal state that forgets the least recently used keys beyond {@code capacity}. */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;

    BoundedMap(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
