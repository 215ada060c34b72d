package io.aihelpdesk.governance.policy;

import java.util.List;
import java.util.Objects;

/**
 * What is acted on: {@code type} is {@code database}, {@code kubernetes}, {@code host} or {@code agent} (a remote A2A agent) (the server's own
 * machine: its commands and files, e.g. incident bundles); {@code namespace} is the
 * Kubernetes namespace (null for databases and cluster-wide requests).
 */
public record Resource(String type, String name, List<String> tags, String namespace) {
    public Resource {
        Objects.requireNonNull(type, "type");
        name = name == null ? "" : name;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static Resource database(String name, String... tags) {
        return new Resource("database", name, List.of(tags), null);
    }

    /** The machine this server runs on (its commands and files), by host name. */
    public static Resource host(String name) {
        return new Resource("host", name, List.of(), null);
    }

    /** A remote A2A agent this server delegates to, by its (tool-safe) name. */
    public static Resource agent(String name) {
        return new Resource("agent", name, List.of(), null);
    }

    /**
     * @param name      what {@code name}/{@code name_pattern} match: the namespace, {@code all} for a call
     *                  across namespaces, "" for a cluster-scoped call
     * @param namespace the namespace, null for cluster-scoped and all-namespace calls
     */
    public static Resource kubernetes(String name, String namespace, String... tags) {
        return new Resource("kubernetes", name, List.of(tags), namespace);
    }
}
