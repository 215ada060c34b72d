package io.aihelpdesk.tools.triage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The deterministic triage engine: gathers evidence by running read-only tools (in parallel,
 * within a time budget, through the caller's governance), applies fixed rules with stated
 * thresholds, correlates database and cluster findings, and orders them most important first.
 * It sees only what the tools return — never how a problem was caused.
 */
final class Triage {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "triage");
        t.setDaemon(true);
        return t;
    });

    private Triage() {
    }

    record Result(List<Finding> findings, List<CheckRun> checks) {
    }

    static Result run(Scope s, ToolCalls tools, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Finding> findings = new ArrayList<>();
        List<CheckRun> checks = new ArrayList<>();
        boolean reachable = false;
        if (s.database()) {
            Evidence conn = Evidence.gather(List.of(new Evidence.Call("check_connection", "check_connection", s.db())), tools, left(deadline), POOL);
            checks.addAll(conn.runs());
            reachable = conn.succeeded("check_connection");
            if (!reachable && conn.failure("check_connection") != null) {
                Finding f = ConnectionRules.unreachable(conn.failure("check_connection"), s);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        List<Evidence.Call> calls = new ArrayList<>();
        if (reachable) {
            calls.addAll(databaseCalls(s));
        } else if (s.database()) {
            databaseCalls(s).forEach(c -> checks.add(new CheckRun(c.key(), "skipped", 0, "the database cannot be reached")));
        }
        if (s.kubernetes()) {
            calls.addAll(kubernetesCalls(s));
        }
        Evidence e = Evidence.gather(calls, tools, left(deadline), POOL);
        checks.addAll(e.runs());
        if (s.kubernetes()) {
            List<Evidence.Call> describe = KubernetesRules.suspicious(e).stream()
                    .map(p -> new Evidence.Call("describe_pod:" + p, "describe_pod", s.k8s(true, "pod_name", p))).toList();
            Evidence more = Evidence.gather(describe, tools, left(deadline), POOL);
            more.runs().forEach(checks::add);
            e = e.with(more);
        }
        if (reachable) {
            findings.addAll(ConnectionRules.usage(e, s));
            findings.addAll(ActivityRules.locks(e, s));
            findings.addAll(ActivityRules.transactions(e, s));
            findings.addAll(MaintenanceRules.vacuum(e, s));
            findings.addAll(MaintenanceRules.sequences(e, s));
            findings.addAll(MaintenanceRules.indexes(e, s));
            findings.addAll(PerformanceRules.databaseStats(e, s));
            findings.addAll(PerformanceRules.slowQueries(e, s));
            findings.addAll(PerformanceRules.checkpoints(e, s));
            findings.addAll(PerformanceRules.settings(e, s));
            findings.addAll(ReplicationRules.replication(e, s));
        }
        if (s.kubernetes()) {
            findings.addAll(KubernetesRules.pods(e, s));
            findings.addAll(KubernetesRules.claims(e, s));
            findings.addAll(KubernetesRules.endpoints(e, s));
            findings.addAll(KubernetesRules.workloads(e, s));
            findings.addAll(KubernetesRules.nodes(e, s));
        }
        List<Finding> ordered = new ArrayList<>(Correlation.compound(findings));
        ordered.addAll(findings);
        ordered.sort(Finding.MOST_IMPORTANT_FIRST);
        return new Result(ordered, checks);
    }

    static List<Evidence.Call> databaseCalls(Scope s) {
        return List.of(
                call("get_connection_stats", s.db()),
                call("get_blocking_queries", s.db()),
                call("get_long_transactions", s.db("min_seconds", ActivityRules.LONG_TX_FETCH_SECONDS)),
                call("get_vacuum_status", s.db()),
                call("get_index_health", s.db()),
                call("get_sequence_health", s.db()),
                call("get_database_stats", s.db()),
                call("get_slow_queries", s.db("order_by", "mean_time")),
                call("get_replication_status", s.db()),
                call("get_checkpoint_stats", s.db()),
                call("get_pg_settings", s.db()));
    }

    static List<Evidence.Call> kubernetesCalls(Scope s) {
        return List.of(
                call("get_pods", s.k8s(true)),
                call("get_endpoints", s.k8s(true)),
                call("get_pvcs", s.k8s(true)),
                call("get_workloads", s.k8s(true)),
                call("get_node_status", s.k8s(false)));
    }

    private static Evidence.Call call(String tool, Map<String, Object> args) {
        return new Evidence.Call(tool, tool, args);
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
