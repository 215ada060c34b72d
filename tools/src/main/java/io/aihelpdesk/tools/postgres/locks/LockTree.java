package io.aihelpdesk.tools.postgres.locks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns blocked/blocking rows into a forest. A waiter blocked by several sessions (the lock holder
 * and others queued ahead of it) is nested under one parent only, preferring a blocker that itself
 * waits: that is the nearest link in the chain. Its full {@code blocked_by} list is kept on the node.
 */
final class LockTree {
    private LockTree() {
    }

    record Row(int pid, String user, String database, String state, String waitEventType, String waitEvent,
               Double waitSeconds, Double xactSeconds, String waitingForMode, String waitingForRelation,
               String query, List<Integer> blockedBy) {
        Row {
            blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
        }
    }

    /** One session and the sessions nested under it; {@code count} is everything below it. */
    record Branch(Row row, List<Branch> children, int count) {
    }

    static List<Branch> build(List<Row> rows) {
        Map<Integer, Row> byPid = new LinkedHashMap<>();
        rows.forEach(r -> byPid.put(r.pid(), r));
        Map<Integer, List<Integer>> children = new LinkedHashMap<>();
        for (Row r : rows) {
            Integer parent = parent(r, byPid);
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(r.pid());
            }
        }
        List<Integer> roots = rows.stream().filter(r -> parent(r, byPid) == null).map(Row::pid).toList();
        Set<Integer> placed = new HashSet<>();
        List<Branch> forest = new ArrayList<>();
        roots.forEach(pid -> forest.add(node(pid, byPid, children, placed)));
        // sessions in a wait cycle (a deadlock about to be detected) have no root; show each cycle once
        for (Row r : rows) {
            if (!placed.contains(r.pid())) {
                forest.add(node(r.pid(), byPid, children, placed));
            }
        }
        forest.sort(Comparator.comparingInt(Branch::count).reversed().thenComparingInt(b -> b.row().pid()));
        return forest;
    }

    private static Integer parent(Row r, Map<Integer, Row> byPid) {
        Integer fallback = null;
        for (Integer b : r.blockedBy()) {
            Row blocker = byPid.get(b);
            if (blocker == null) {
                continue; // e.g. pid 0, a prepared transaction
            }
            if (!blocker.blockedBy().isEmpty()) {
                return b;
            }
            fallback = fallback == null ? b : fallback;
        }
        return fallback;
    }

    private static Branch node(int pid, Map<Integer, Row> byPid, Map<Integer, List<Integer>> children, Set<Integer> placed) {
        placed.add(pid);
        List<Branch> blocked = new ArrayList<>();
        for (Integer child : children.getOrDefault(pid, List.of())) {
            if (!placed.contains(child)) {
                blocked.add(node(child, byPid, children, placed));
            }
        }
        int count = blocked.size() + blocked.stream().mapToInt(Branch::count).sum();
        return new Branch(byPid.get(pid), List.copyOf(blocked), count);
    }
}
