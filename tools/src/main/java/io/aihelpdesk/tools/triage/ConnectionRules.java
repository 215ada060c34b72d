package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.postgres.activity.GetConnectionStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Can we connect at all, and how close are we to max_connections. */
final class ConnectionRules {
    static final Set<String> UNREACHABLE = Set.of("connection_refused", "host_unknown", "host_unreachable", "connect_timeout",
            "server_not_ready", "connection_failed");
    static final Set<String> AUTH = Set.of("auth_failed", "pg_hba_rejected", "role_not_found", "ssl_unsupported", "ssl_failed");
    static final double HIGH_PCT = 80;
    static final double CRITICAL_PCT = 95;

    private ConnectionRules() {
    }

    /** The finding a failed check_connection stands for; null when the failure is not about reaching the server. */
    static Finding unreachable(Diagnosis d, Scope s) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("check_connection", d.render());
        evidence.put("code", d.code());
        if (!d.sqlState().isEmpty()) {
            evidence.put("sqlstate", d.sqlState());
        }
        List<NextStep> next = new ArrayList<>();
        next.add(NextStep.read("check_connection", s.db(), "confirm once the cause is fixed"));
        if (UNREACHABLE.contains(d.code())) {
            if (s.kubernetes()) {
                next.add(NextStep.read("get_pods", s.k8s(true), "is the database pod running and ready?"));
                next.add(NextStep.read("get_endpoints", s.k8s(true), "does its service have ready endpoints?"));
            }
            return Finding.of("connection_refused", Severity.CRITICAL, 1.0, "Database unreachable: " + d.message(), evidence,
                    "No session can be opened, so every client of this database is failing. " + d.hint(), next);
        }
        if (AUTH.contains(d.code())) {
            return Finding.of("authentication_failure", Severity.CRITICAL, 1.0, "Authentication rejected: " + d.message(), evidence,
                    "The server is up but refuses these credentials (password, pg_hba.conf rule, role or SSL mode). " + d.hint(), next);
        }
        if (d.code().equals("database_not_found")) {
            return Finding.of("database_not_found", Severity.CRITICAL, 1.0, d.message(), evidence,
                    "The server is up but the database named in the connection string does not exist on it (dropped, "
                            + "renamed, or the wrong server). " + d.hint(), next);
        }
        if (d.code().equals("too_many_connections")) {
            evidence.put("threshold", "no connection slot left for this role");
            return Finding.of("connection_exhaustion", Severity.CRITICAL, 1.0, "Connections exhausted: " + d.message(), evidence,
                    "Every connection slot is taken, so new clients get 'too many clients already'. Usually idle sessions "
                            + "held by a pool that grew, or a leak; the reserved superuser slots are the way in.", next);
        }
        return null;
    }

    static List<Finding> usage(Evidence e, Scope s) {
        GetConnectionStats.Reply r = e.reply("get_connection_stats", GetConnectionStats.Reply.class);
        if (r == null || r.limits() == null) {
            return List.of();
        }
        GetConnectionStats.Limits l = r.limits();
        if (l.percentUsed() < HIGH_PCT && l.availableForOrdinaryRoles() > 0) {
            return List.of();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("connections", l.totalConnections());
        evidence.put("max_connections", l.maxConnections());
        evidence.put("superuser_reserved_connections", l.superuserReservedConnections());
        evidence.put("available_for_ordinary_roles", l.availableForOrdinaryRoles());
        evidence.put("percent_used", l.percentUsed());
        evidence.put("threshold", "high at " + HIGH_PCT + "% of max_connections, critical at " + CRITICAL_PCT + "% or no slot left");
        List<Map<String, Object>> perDb = new ArrayList<>();
        long idle = 0;
        for (GetConnectionStats.DatabaseConnections d : r.databases()) {
            perDb.add(Map.of("database", String.valueOf(d.database()), "total", d.total(), "idle", d.idle(),
                    "idle_in_transaction", d.idleInTransaction(), "active", d.active()));
            idle += d.idle() + d.idleInTransaction();
        }
        evidence.put("by_database", perDb);
        boolean critical = l.percentUsed() >= CRITICAL_PCT || l.availableForOrdinaryRoles() <= 0;
        return List.of(Finding.of("connection_exhaustion", critical ? Severity.CRITICAL : Severity.HIGH, 0.95,
                "Connections at " + l.percentUsed() + "% of max_connections (" + l.totalConnections() + "/" + l.maxConnections()
                        + ", " + l.availableForOrdinaryRoles() + " left for ordinary roles)", evidence,
                idle + " of the sessions are idle or idle in transaction: a pool sized above what the server allows, or "
                        + "clients that never close. New connections will start failing with 'too many clients already'.",
                List.of(NextStep.read("get_active_connections", s.db("include_idle", true), "who holds the sessions, and since when"),
                        NextStep.change("terminate_idle_connections", s.db("idle_minutes", 10, "dry_run", true), "DESTRUCTIVE",
                                "preview, then end sessions idle for more than 10 minutes"))));
    }
}
