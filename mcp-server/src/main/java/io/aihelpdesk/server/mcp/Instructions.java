package io.aihelpdesk.server.mcp;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.server.Helpdesk;

/** The server's MCP {@code instructions}: how an agent should start a triage with these tools. */
final class Instructions {
    private Instructions() {
    }

    static String text(Helpdesk helpdesk) {
        var dbs = helpdesk.inventory().dbServers().keySet();
        return """
                aiHelpDesk: governed diagnostic (and, in fix mode, remediation) tools for PostgreSQL and the Kubernetes workloads it runs on.
                Start every database triage with check_connection on the target; if it fails, its diagnosis is the \
                finding (refused, auth, missing database, too many clients) — report it verbatim and stop.
                If it succeeds, continue with get_connection_stats and get_active_connections, then follow the symptom: \
                hangs/timeouts → get_lock_info and get_blocking_queries; slowness → get_wait_events, get_slow_queries, \
                get_database_stats (cache hit ratio); disk growth → get_table_stats, get_vacuum_status, get_disk_usage; \
                replica lag → get_replication_status and get_replication_slots.
                When the database runs in Kubernetes (or is unreachable), look at its pods: get_pods with \
                namespace=<inventory database id> finds its namespace, cluster and pods; then describe_pod for the \
                unhealthy ones (state reasons, exit codes, events), get_pod_logs with previous=true for a crashed \
                container, get_events (Warning) for the namespace, get_postgres_clusters for operator-managed clusters.
                For a known finding, get_playbook(id=<category>, target=<database>) gives its investigation in order, \
                the remediation with each step's effect, and when to escalate (list_playbooks lists them; each is also \
                an MCP prompt named by its id).
                Pass the database target as connection_string. Never ask the user for passwords: use the inventory ids \
                (resource helpdesk://inventory).
                To escalate to a vendor or keep evidence of an incident, call create_incident_bundle with infra_key = \
                the inventory id and a one-line description; it writes a tar.gz (the only thing these tools write, on \
                the server's disk) and reports what failed; read bundles as resources helpdesk://incidents/{id}.
                """
                + (dbs.isEmpty() ? "No inventory is configured; use a libpq connection string or URI."
                : "Known databases: " + String.join(", ", dbs) + ".")
                + "\n" + mode(helpdesk.pipeline().mode());
    }

    /** Which operating mode is active, and how changes and approvals work in it. */
    static String mode(OperatingMode mode) {
        if (mode == OperatingMode.READONLY) {
            return "Operating mode: readonly. Tools that change databases or clusters are not offered; to fix something, "
                    + "report the finding and the remediation (get_playbook) to the user — an operator can restart the "
                    + "server with --mode fix.";
        }
        return "Operating mode: fix. Write and destructive tools are offered, governed by policy and human approval. Preview "
                + "every change with dry_run=true first and show it to the user. A call that needs approval returns status "
                + "pending_approval with an approval id, who may approve and how (helpdesk approvals approve <id>, or POST "
                + "/v1/approvals/<id>/approve); you cannot approve it yourself. Once approved, re-issue the identical call "
                + "with the same _meta.trace_id; the approval covers only that tool, target and arguments.";
    }
}
