package io.aihelpdesk.orchestrator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The router used when no language model is available: deterministic keyword matching maps a
 * question to a database of the inventory, a triage focus and the playbook of the problem it names.
 * Same question, same inventory, same answer — air-gapped sites get the triage without an LLM.
 */
public final class OfflineRouter {
    /** What a word stem says about a question: which checks matter and which problem class it names. */
    private record Keyword(String stem, Focus focus, String category) {
    }

    public enum Focus { ALL, DATABASE, KUBERNETES }

    /** Most specific first: the first stem found names the playbook. */
    private static final List<Keyword> KEYWORDS = List.of(
            new Keyword("deadlock", Focus.DATABASE, "deadlock"),
            new Keyword("idle in transaction", Focus.DATABASE, "idle_in_transaction"),
            new Keyword("wraparound", Focus.DATABASE, "xid_wraparound_risk"),
            new Keyword("xid", Focus.DATABASE, "xid_wraparound_risk"),
            new Keyword("lock", Focus.DATABASE, "lock_blocking"),
            new Keyword("block", Focus.DATABASE, "lock_blocking"),
            new Keyword("stuck", Focus.DATABASE, "lock_blocking"),
            new Keyword("hang", Focus.DATABASE, "lock_blocking"),
            new Keyword("transaction", Focus.DATABASE, "long_running_transaction"),
            new Keyword("slot", Focus.DATABASE, "stale_replication_slot"),
            new Keyword("replica", Focus.DATABASE, "replication_lag"),
            new Keyword("lag", Focus.DATABASE, "replication_lag"),
            new Keyword("standby", Focus.DATABASE, "replication_lag"),
            new Keyword("vacuum", Focus.DATABASE, "vacuum_lag"),
            new Keyword("bloat", Focus.DATABASE, "table_bloat"),
            new Keyword("dead tuple", Focus.DATABASE, "table_bloat"),
            new Keyword("sequence", Focus.DATABASE, "sequence_exhaustion"),
            new Keyword("index", Focus.DATABASE, "invalid_index"),
            new Keyword("checkpoint", Focus.DATABASE, "checkpoint_pressure"),
            new Keyword("cache", Focus.DATABASE, "cache_performance"),
            new Keyword("slow", Focus.DATABASE, "slow_queries"),
            new Keyword("latency", Focus.DATABASE, "slow_queries"),
            new Keyword("query", Focus.DATABASE, "slow_queries"),
            new Keyword("queries", Focus.DATABASE, "slow_queries"),
            new Keyword("too many", Focus.DATABASE, "connection_exhaustion"),
            new Keyword("max_connections", Focus.DATABASE, "connection_exhaustion"),
            new Keyword("password", Focus.DATABASE, "authentication_failure"),
            new Keyword("auth", Focus.DATABASE, "authentication_failure"),
            new Keyword("login", Focus.DATABASE, "authentication_failure"),
            new Keyword("refused", Focus.ALL, "connection_refused"),
            new Keyword("unreachable", Focus.ALL, "connection_refused"),
            new Keyword("down", Focus.ALL, "connection_refused"),
            new Keyword("connect", Focus.ALL, "connection_refused"),
            new Keyword("setting", Focus.DATABASE, "config_problem"),
            new Keyword("config", Focus.DATABASE, "config_problem"),
            new Keyword("oom", Focus.KUBERNETES, "oom_killed"),
            new Keyword("memory", Focus.KUBERNETES, "oom_killed"),
            new Keyword("crash", Focus.KUBERNETES, "pod_crash_loop"),
            new Keyword("restart", Focus.KUBERNETES, "pod_crash_loop"),
            new Keyword("image", Focus.KUBERNETES, "image_pull_failure"),
            new Keyword("pending", Focus.KUBERNETES, "pod_unschedulable"),
            new Keyword("schedul", Focus.KUBERNETES, "pod_unschedulable"),
            new Keyword("pvc", Focus.KUBERNETES, "pvc_pending"),
            new Keyword("volume", Focus.KUBERNETES, "pvc_pending"),
            new Keyword("endpoint", Focus.KUBERNETES, "no_endpoints"),
            new Keyword("service", Focus.KUBERNETES, "no_endpoints"),
            new Keyword("replicas", Focus.KUBERNETES, "scaled_to_zero"),
            new Keyword("scaled", Focus.KUBERNETES, "scaled_to_zero"),
            new Keyword("node", Focus.KUBERNETES, "node_pressure"),
            new Keyword("pod", Focus.KUBERNETES, null),
            new Keyword("k8s", Focus.KUBERNETES, null),
            new Keyword("kubernetes", Focus.KUBERNETES, null),
            new Keyword("cluster", Focus.KUBERNETES, null));

    /**
     * Where a question goes.
     *
     * @param database   the inventory id to triage, or null when the question does not say and the
     *                   inventory has several (then {@code candidates} lists them)
     * @param playbook   the playbook of the problem the question names ({@code pb_<category>}), or null
     * @param keywords   the stems that matched, for the explanation
     */
    public record Routing(String database, Focus focus, String playbook, List<String> keywords, List<String> candidates) {
    }

    private OfflineRouter() {
    }

    public static Routing route(String question, List<Database> inventory) {
        String q = " " + question.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\- ]", " ").replaceAll("\\s+", " ") + " ";
        Set<Focus> focuses = new LinkedHashSet<>();
        List<String> matched = new ArrayList<>();
        String playbook = null;
        for (Keyword k : KEYWORDS) {
            if (q.contains(" " + k.stem())) {
                matched.add(k.stem());
                focuses.add(k.focus());
                if (playbook == null && k.category() != null) {
                    playbook = "pb_" + k.category();
                }
            }
        }
        Focus focus = focuses.size() == 1 ? focuses.iterator().next() : Focus.ALL;
        List<String> ids = inventory.stream().map(Database::id).toList();
        String database = named(q, inventory);
        if (database == null && ids.size() == 1) {
            database = ids.get(0);
        }
        return new Routing(database, focus, playbook, matched, ids);
    }

    /** The inventory database the question names by id or name (whole words), longest name first. */
    private static String named(String q, List<Database> inventory) {
        String best = null;
        int length = 0;
        for (Database db : inventory) {
            for (String name : List.of(db.id(), db.name() == null ? "" : db.name())) {
                String n = name.toLowerCase(Locale.ROOT);
                if (!n.isBlank() && q.contains(" " + n + " ") && n.length() > length) {
                    best = db.id();
                    length = n.length();
                }
            }
        }
        return best;
    }
}
