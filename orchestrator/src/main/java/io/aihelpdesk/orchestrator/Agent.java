package io.aihelpdesk.orchestrator;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The domain agents the router delegates to, as in the original: each has its own prompt and the
 * tools of its capability package (the database and Kubernetes agents also have {@code diagnose}).
 */
public enum Agent {
    DATABASE("database", "io.aihelpdesk.tools.postgres",
            "You are the PostgreSQL database agent: connections, locks, long transactions, vacuum, replication, statistics, "
                    + "configuration. Use diagnose first for an open question, then the specific read-only tools."),
    KUBERNETES("k8s", "io.aihelpdesk.tools.kubernetes",
            "You are the Kubernetes agent for the workloads PostgreSQL runs on: pods, logs, events, services, endpoints, "
                    + "claims, nodes, operators. Pass the database id as namespace to scope to its placement."),
    INCIDENT("incident", "io.aihelpdesk.tools.incident",
            "You are the incident agent: create incident bundles for vendor support, list them and read them.");

    public final String id;
    private final String pkg;
    final String prompt;

    Agent(String id, String pkg, String prompt) {
        this.id = id;
        this.pkg = pkg;
        this.prompt = prompt;
    }

    /** By id or alias: database/db, k8s/kubernetes, incident. */
    public static Optional<Agent> named(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "database", "db" -> Optional.of(DATABASE);
            case "k8s", "kubernetes" -> Optional.of(KUBERNETES);
            case "incident", "incidents" -> Optional.of(INCIDENT);
            default -> Optional.empty();
        };
    }

    /** The names of the tools this agent may call. */
    public List<String> tools(Catalog catalog) {
        Stream<ToolDefinition<?, ?>> own = catalog.all().stream().filter(t -> {
            String p = t.params().getPackageName();
            return p.equals(pkg) || p.startsWith(pkg + ".");
        });
        Stream<ToolDefinition<?, ?>> triage = this == INCIDENT ? Stream.empty() : catalog.find("diagnose").stream();
        return Stream.concat(triage, own).map(ToolDefinition::name).toList();
    }
}
