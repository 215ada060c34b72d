package io.aihelpdesk.tools.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The infrastructure this server may touch, compatible with the original's
 * {@code infrastructure.json}. When {@link #configured()} is true, targets outside it are refused
 * unless {@code allow_unregistered} is set (fail closed).
 */
public record Inventory(Map<String, DbServer> dbServers, Map<String, K8sCluster> k8sClusters, Map<String, Vm> vms,
                        boolean allowUnregistered, String source) {
    public Inventory {
        dbServers = Collections.unmodifiableMap(new LinkedHashMap<>(dbServers));
        k8sClusters = Collections.unmodifiableMap(new LinkedHashMap<>(k8sClusters));
        vms = Collections.unmodifiableMap(new LinkedHashMap<>(vms));
    }

    /** No inventory: any target the caller names is used as given. */
    public static Inventory none() {
        return new Inventory(Map.of(), Map.of(), Map.of(), true, "");
    }

    public boolean configured() {
        return !source.isEmpty();
    }

    public Optional<DbServer> database(String id) {
        return Optional.ofNullable(dbServers.get(id));
    }
}
