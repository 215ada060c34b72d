package io.aihelpdesk.server.gateway;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.List;
import java.util.Locale;

/**
 * The tool families, as the original's agents grouped them. A tool belongs to the family of the
 * capability package that declares its parameters, so a new tool joins its family without a list to update.
 */
enum Family {
    DATABASE("database", "db", "io.aihelpdesk.tools.postgres",
            "PostgreSQL diagnostics: connections, locks, long transactions, statistics, vacuum, replication, configuration."),
    KUBERNETES("k8s", "k8s", "io.aihelpdesk.tools.kubernetes",
            "Kubernetes diagnostics of the workloads PostgreSQL runs on: pods, logs, events, services, claims, nodes, operators."),
    INCIDENT("incident", "incidents", "io.aihelpdesk.tools.incident",
            "Incident bundles for vendor support: collect, list and read them."),
    TRIAGE("triage", "diagnose", "io.aihelpdesk.tools.triage",
            "One-call triage of a database and its Kubernetes placement: findings ordered by severity with next steps."),
    REMOTE("a2a", "a2a", "io.aihelpdesk.a2a.remote",
            "Remote A2A agents this server delegates to (HELPDESK_AGENT_URLS or agents.json): a2a_<agent>(message), governed like every tool."),
    GOVERNANCE("governance", "governance", "io.aihelpdesk.governance",
            "Governance introspection: how the policy would decide a request.");

    final String agent;
    /** The path segment under {@code /api/v1}. */
    final String segment;
    private final String pkg;
    final String description;

    Family(String agent, String segment, String pkg, String description) {
        this.agent = agent;
        this.segment = segment;
        this.pkg = pkg;
        this.description = description;
    }

    static Family of(ToolDefinition<?, ?> tool) {
        String p = tool.params().getPackageName();
        for (Family f : values()) {
            if (p.equals(f.pkg) || p.startsWith(f.pkg + ".")) {
                return f;
            }
        }
        return GOVERNANCE;
    }

    List<String> tools(Catalog catalog) {
        return catalog.all().stream().filter(t -> of(t) == this).map(ToolDefinition::name).toList();
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
