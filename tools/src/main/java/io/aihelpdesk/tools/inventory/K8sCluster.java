package io.aihelpdesk.tools.inventory;

import java.util.List;

/** A Kubernetes cluster in the inventory: the kubeconfig context that reaches it. */
public record K8sCluster(String id, String name, String context, List<String> tags) {
    public K8sCluster {
        tags = List.copyOf(tags);
    }
}
