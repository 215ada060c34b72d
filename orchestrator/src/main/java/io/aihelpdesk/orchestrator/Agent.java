package io.aihelpdesk.orchestrator;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The domain agents the router delegates to, as in the original: each has its own prompt and the
 * tools of its capability package (the database and Kubernetes agents also have {@code diagnose}),
 * plus the remote A2A agents' tools. A remote agent configured to replace one of ours
 * ({@code "replaces": "k8s_agent"} in agents.json) is then that domain agent's only tool.
 */
public enum Agent {
    DATABASE("database", "postgres", "postgres_database_agent",
            "You are the PostgreSQL database agent: connections, locks, long transactions, vacuum, replication, statistics, "
                    + "configuration. Use diagnose first for an open question, then the specific read-only tools."),
    KUBERNETES("k8s", "kubernetes", "k8s_agent",
            "You are the Kubernetes agent for the workloads PostgreSQL runs on: pods, logs, events, services, endpoints, "
                    + "claims, nodes, operators. Pass the database id as namespace to scope to its placement."),
    INCIDENT("incident", "incident", "incident_agent",
            "You are the incident agent: create incident bundles for vendor support, list them and read them.");

    /** The capability the server publishes for remote A2A agents' tools. */
    static final String REMOTE = "a2a";
    public final String id;
    private final String capability;
    /** The agent's A2A name, which a remote agent configured with {@code "replaces"} names. */
    private final String a2aName;
    final String prompt;

    Agent(String id, String capability, String a2aName, String prompt) {
        this.id = id;
        this.capability = capability;
        this.a2aName = a2aName;
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

    /**
     * The names of the tools this agent may call, of those the server lists: its capability's (from
     * each tool's {@code _meta}), the remote A2A agents the server delegates to (capability {@code a2a},
     * tools {@code a2a_<agent>}: a vendor's agent configured by HELPDESK_AGENT_URLS is asked like ours),
     * and {@code diagnose} first for the database and Kubernetes agents.
     */
    public List<String> tools(List<McpSchema.Tool> offered) {
        List<String> replacements = offered.stream().filter(t -> remote(t) && a2aName.equals(t.meta().get(McpConnection.REPLACES)))
                .map(McpSchema.Tool::name).toList();
        if (!replacements.isEmpty()) {
            return replacements; // configured to be answered by a remote agent ("replaces" in agents.json)
        }
        Stream<String> triage = this == INCIDENT ? Stream.empty()
                : offered.stream().map(McpSchema.Tool::name).filter(n -> n.equals("diagnose"));
        Stream<String> own = offered.stream().filter(t -> t.meta() != null && capability.equals(t.meta().get(McpConnection.CAPABILITY))
                        || remote(t) && t.meta().get(McpConnection.REPLACES) == null)
                .map(McpSchema.Tool::name);
        return Stream.concat(triage, own).toList();
    }

    private static boolean remote(McpSchema.Tool t) {
        return t.meta() != null && REMOTE.equals(t.meta().get(McpConnection.CAPABILITY));
    }
}
