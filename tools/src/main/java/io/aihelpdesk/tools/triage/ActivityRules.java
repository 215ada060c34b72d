package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.postgres.activity.GetLongTransactions;
import io.aihelpdesk.tools.postgres.locks.GetBlockingQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Sessions blocking others, transactions left idle, transactions running too long. */
final class ActivityRules {
    /** Transactions open at least this long are fetched; the rules below decide what is a problem. */
    static final int LONG_TX_FETCH_SECONDS = 30;
    static final double IDLE_IN_TX_SECONDS = 30;
    static final double LONG_TX_SECONDS = 60;
    static final double LONG_TX_HIGH_SECONDS = 600;

    private ActivityRules() {
    }

    static List<Finding> locks(Evidence e, Scope s) {
        GetBlockingQueries.Reply r = e.reply("get_blocking_queries", GetBlockingQueries.Reply.class);
        if (r == null || r.blockedSessions() == 0) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (GetBlockingQueries.Root root : r.roots()) {
            double longestWait = root.blocked().stream().mapToDouble(w -> w.waitSeconds() == null ? 0 : w.waitSeconds()).max().orElse(0);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("blocker_pid", root.pid());
            evidence.put("blocker_state", root.state());
            evidence.put("blocker_query", root.query());
            evidence.put("blocker_transaction_seconds", root.xactSeconds());
            evidence.put("blocked_sessions", root.blockedCount());
            evidence.put("longest_wait_seconds", longestWait);
            evidence.put("waiting_for", root.blocked().stream().map(w -> w.waitingForMode() + " on " + w.waitingForRelation())
                    .distinct().limit(5).toList());
            evidence.put("threshold", "any session waiting on a lock another session holds");
            boolean critical = root.blockedCount() >= 5 || longestWait >= 60;
            out.add(Finding.of("lock_blocking", critical ? Severity.CRITICAL : Severity.HIGH, 0.95,
                    "pid " + root.pid() + " (" + root.state() + ") blocks " + root.blockedCount() + " session"
                            + (root.blockedCount() == 1 ? "" : "s") + ", longest wait " + Math.round(longestWait) + " s",
                    evidence,
                    "Everything that needs the locked rows or table queues behind pid " + root.pid()
                            + ("idle in transaction".equals(root.state()) ? ", which is idle inside an open transaction — the "
                            + "application opened it and never committed" : "") + ". The waiters will time out or pile up "
                            + "until the blocker commits, rolls back or is ended.",
                    List.of(NextStep.read("get_session_info", s.db("pid", root.pid()), "the blocker's full query, locks and client"),
                            NextStep.read("get_blocking_queries", s.db(), "the whole lock tree"),
                            NextStep.change("cancel_query", s.db("pid", root.pid()), "WRITE", "cancel the blocker's running statement"),
                            NextStep.change("terminate_connection", s.db("pid", root.pid()), "DESTRUCTIVE",
                                    "end the blocking session and roll back its transaction"))));
        }
        return out;
    }

    static List<Finding> transactions(Evidence e, Scope s) {
        GetLongTransactions.Reply r = e.reply("get_long_transactions", GetLongTransactions.Reply.class);
        if (r == null) {
            return List.of();
        }
        Set<Integer> blockers = blockerPids(e);
        List<GetLongTransactions.Transaction> idle = new ArrayList<>();
        List<GetLongTransactions.Transaction> running = new ArrayList<>();
        for (GetLongTransactions.Transaction t : r.transactions()) {
            if (blockers.contains(t.pid())) {
                continue; // already reported as the root of a lock_blocking finding
            }
            if (t.state() != null && t.state().startsWith("idle in transaction")) {
                if (t.stateSeconds() != null && t.stateSeconds() >= IDLE_IN_TX_SECONDS) {
                    idle.add(t);
                }
            } else if (t.xactSeconds() >= LONG_TX_SECONDS) {
                running.add(t);
            }
        }
        List<Finding> out = new ArrayList<>();
        if (!idle.isEmpty()) {
            GetLongTransactions.Transaction worst = idle.get(0);
            double longest = idle.stream().mapToDouble(t -> t.stateSeconds() == null ? 0 : t.stateSeconds()).max().orElse(0);
            out.add(Finding.of("idle_in_transaction", longest >= 600 ? Severity.HIGH : Severity.MEDIUM, 0.9,
                    idle.size() + " session" + (idle.size() == 1 ? "" : "s") + " idle in transaction, longest " + Math.round(longest) + " s",
                    Map.of("sessions", rows(idle), "threshold", "idle in transaction for at least " + (int) IDLE_IN_TX_SECONDS + " s",
                            "idle_in_transaction_session_timeout", "see get_config_parameter"),
                    "A transaction left open by the application holds its locks and its snapshot: it can block DDL and "
                            + "writers, and it stops vacuum from removing dead rows everywhere. Usually a missing commit or an "
                            + "exception path that skips rollback.",
                    List.of(NextStep.read("get_session_info", s.db("pid", worst.pid()), "what the session last ran and which client it is"),
                            NextStep.read("get_config_parameter", s.db("parameter_name", "idle_in_transaction_session_timeout"),
                                    "is there a timeout that would end such sessions?"),
                            NextStep.change("terminate_connection", s.db("pid", worst.pid()), "DESTRUCTIVE",
                                    "end the session and roll back its transaction"))));
        }
        if (!running.isEmpty()) {
            double longest = running.stream().mapToDouble(GetLongTransactions.Transaction::xactSeconds).max().orElse(0);
            GetLongTransactions.Transaction worst = running.get(0);
            out.add(Finding.of("long_running_transaction", longest >= LONG_TX_HIGH_SECONDS ? Severity.HIGH : Severity.MEDIUM, 0.85,
                    running.size() + " transaction" + (running.size() == 1 ? "" : "s") + " running longer than "
                            + (int) LONG_TX_SECONDS + " s, longest " + Math.round(longest) + " s (pid " + worst.pid() + ")",
                    Map.of("transactions", rows(running), "threshold", "open at least " + (int) LONG_TX_SECONDS + " s; high from "
                            + (int) LONG_TX_HIGH_SECONDS + " s"),
                    "Long transactions hold locks and an old snapshot (xmin): vacuum cannot clean behind them and other "
                            + "sessions may queue on their locks.",
                    List.of(NextStep.read("get_session_info", s.db("pid", worst.pid()), "the full query and its locks"),
                            NextStep.read("explain_query", s.db("query", "<the query>"), "why it is slow"),
                            NextStep.change("cancel_query", s.db("pid", worst.pid()), "WRITE", "cancel the statement"))));
        }
        return out;
    }

    private static Set<Integer> blockerPids(Evidence e) {
        GetBlockingQueries.Reply r = e.reply("get_blocking_queries", GetBlockingQueries.Reply.class);
        return r == null ? Set.of() : r.roots().stream().map(GetBlockingQueries.Root::pid).collect(Collectors.toSet());
    }

    private static List<Map<String, Object>> rows(List<GetLongTransactions.Transaction> ts) {
        return ts.stream().limit(5).map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", t.pid());
            m.put("user", String.valueOf(t.user()));
            m.put("state", String.valueOf(t.state()));
            m.put("xact_seconds", t.xactSeconds());
            m.put("state_seconds", t.stateSeconds());
            m.put("query", String.valueOf(t.query()));
            return m;
        }).toList();
    }
}
