package io.aihelpdesk.orchestrator;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The domain agents the router delegates to, as in the original: each has its own prompt and the
 * tools of its capability package (the database and Kubernetes agents also have {@code diagnose}).
 */
public enum Agent {
    DATABASE("database", "postgres",
            "You are the PostgreSQL database agent: connections, locks, long transactions, vacuum, replication, statistics, "
                    + "configuration. Use diagnose first for an open question, then the specific read-only tools."),
    KUBERNETES("k8s", "kubernetes",
            "You are the Kubernetes agent for the workloads PostgreSQL runs on: pods, logs, events, services, endpoints, "
                    + "claims, nodes, operators. Pass the database id as namespace to scope to its placement."),
    INCIDENT("incident", "incident",
            "You are the incident agent: create incident bundles for vendor support, list them and read them.");

    /** The capability the server publishes for remote A2A agents' tools. */
    static final String REMOTE = "a2a";
    public final String id;
    private final String capability;
    final String prompt;

    Agent(String id, String capability, String prompt) {
        this.id = id;
        this.capability = capability;
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
        Stream<String> triage = this == INCIDENT ? Stream.empty()
                : offered.stream().map(McpSchema.Tool::name).filter(n -> n.equals("diagnose"));
        Stream<String> own = offered.stream().filter(t -> t.meta() != null && (capability.equals(t.meta().get(McpConnection.CAPABILITY))
                        || REMOTE.equals(t.meta().get(McpConnection.CAPABILITY))))
                .map(McpSchema.Tool::name);
        return Stream.concat(triage, own).toList();
    }
}
