package io.aihelpdesk.tools.kubernetes;

import java.util.List;

/**
 * A resolved Kubernetes target: the kubeconfig context ("" for in-cluster), the namespace
 * (null for cluster-wide calls and "all namespaces"), and what the inventory knows about it.
 * {@code databaseId} and {@code podSelector} are set when the caller named an inventory database.
 */
public record KubernetesTarget(String context, String namespace, boolean clusterScoped, String clusterId,
                               String databaseId, List<String> tags, String podSelector) {
    public KubernetesTarget {
        tags = List.copyOf(tags);
        clusterId = clusterId == null ? "" : clusterId;
        databaseId = databaseId == null ? "" : databaseId;
        podSelector = podSelector == null ? "" : podSelector;
    }

    public boolean allNamespaces() {
        return namespace == null;
    }

    /**
     * The resource name policies match on: the namespace, as the original names it; {@code all} for
     * a call across namespaces; "" for cluster-scoped calls (nodes).
     */
    public String policyName() {
        return namespace != null ? namespace : clusterScoped ? "" : KubernetesTargets.ALL;
    }

    /** How the target is named in messages and the audit trail: {@code context/namespace}. */
    public String display() {
        String where = context.isEmpty() ? "in-cluster" : context;
        return where + "/" + (namespace == null ? "*" : namespace);
    }
}
