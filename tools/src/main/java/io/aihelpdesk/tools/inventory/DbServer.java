package io.aihelpdesk.tools.inventory;

import java.util.List;

/**
 * A database in the inventory. {@code connectionString} never needs to hold a password: use
 * {@code passwordEnv} (the name of an environment variable) or {@code ${ENV}} expansion.
 * {@code k8sPodSelector} is a label selector ({@code app=orders-db,role=primary}) that finds the
 * database's pods in {@code k8sNamespace}.
 */
public record DbServer(String id, String name, String connectionString, String passwordEnv,
                       String k8sCluster, String k8sNamespace, String k8sPodSelector, String vmName, List<String> tags) {
    public DbServer {
        tags = List.copyOf(tags);
    }

    /** Where the database runs: kubernetes, vm or standalone (as the original classifies it). */
    public String hosting() {
        return k8sCluster != null ? "kubernetes" : vmName != null ? "vm" : "standalone";
    }
}
