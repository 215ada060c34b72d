package io.aihelpdesk.a2a;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks of this server, in memory and bounded: when full, the oldest ended task goes first
 * (else the oldest of all, so tasks abandoned while waiting for input cannot pile up).
 * A task is visible only to the caller that created it.
 */
final class Tasks {
    static final int CAPACITY = 2_000;
    private final Map<String, Task> byId = new LinkedHashMap<>();

    synchronized void add(Task t) {
        if (byId.size() >= CAPACITY) {
            Task evict = byId.values().stream().filter(x -> x.view().state().terminal()).findFirst()
                    .orElse(byId.values().iterator().next());
            byId.remove(evict.id);
        }
        byId.put(t.id, t);
    }

    /** The task if it exists, belongs to this agent and was created by {@code owner}. */
    synchronized Optional<Task> find(String id, String agent, String owner) {
        Task t = byId.get(id);
        return t != null && t.agent.equals(agent) && t.owner.equals(owner) ? Optional.of(t) : Optional.empty();
    }
}
