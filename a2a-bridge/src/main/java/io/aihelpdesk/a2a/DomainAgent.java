package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.List;

/**
 * One agent this server offers over A2A. The three domain agents carry the original's names and own
 * the tools of their capability packages; {@code helpdesk_orchestrator} answers any tool and is
 * where free text goes first. Tools are taken from the catalog, so a new tool joins its agent
 * without a list to update.
 *
 * @param packages the tool parameter packages this agent owns; empty = every tool of the catalog
 * @param tags     tags every skill of this agent carries
 */
public record DomainAgent(String name, String description, List<String> packages, List<String> tags) {
    public static final String ORCHESTRATOR = "helpdesk_orchestrator";

    public static final List<DomainAgent> ALL = List.of(
            new DomainAgent("postgres_database_agent",
                    "PostgreSQL diagnostics: connections, locks, long transactions, statistics, vacuum, replication, "
                            + "configuration, and one-call triage of a database. Governed and audited; read-only unless a tool says otherwise.",
                    List.of("io.aihelpdesk.tools.postgres", "io.aihelpdesk.tools.triage"), List.of("postgresql", "database")),
            new DomainAgent("k8s_agent",
                    "Kubernetes diagnostics of the workloads PostgreSQL runs on: pods, logs, events, services, endpoints, "
                            + "claims, nodes, operators. Governed and audited.",
                    List.of("io.aihelpdesk.tools.kubernetes"), List.of("kubernetes")),
            new DomainAgent("incident_agent",
                    "Incident bundles for vendor support: collect a database/Kubernetes/host bundle (with an optional "
                            + "callback_url notified when it is written), list and read them.",
                    List.of("io.aihelpdesk.tools.incident"), List.of("incident")),
            new DomainAgent(ORCHESTRATOR,
                    "aiHelpDesk: ask about a PostgreSQL database or the Kubernetes workloads it runs on in plain text "
                            + "(answered by the chat with governed tools), or run any governed tool directly with a data part "
                            + "{\"tool\": …, \"arguments\": {…}}.",
                    List.of(), List.of("aihelpdesk")));

    public DomainAgent {
        packages = List.copyOf(packages);
        tags = List.copyOf(tags);
    }

    /** Whether this agent offers the tool as a skill. */
    public boolean owns(ToolDefinition<?, ?> tool) {
        if (packages.isEmpty()) {
            return true;
        }
        String p = tool.params().getPackageName();
        return packages.stream().anyMatch(pkg -> p.equals(pkg) || p.startsWith(pkg + "."));
    }

    public List<ToolDefinition<?, ?>> tools(Catalog catalog) {
        return catalog.all().stream().filter(this::owns).toList();
    }

    /** The agent of this name, or null. */
    public static DomainAgent named(String name) {
        return ALL.stream().filter(a -> a.name.equals(name)).findFirst().orElse(null);
    }

    /** The agent that owns a tool (the orchestrator when no domain agent does). */
    public static DomainAgent owner(ToolDefinition<?, ?> tool) {
        return ALL.stream().filter(a -> !a.packages.isEmpty() && a.owns(tool)).findFirst().orElse(named(ORCHESTRATOR));
    }
}
