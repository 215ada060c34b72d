package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.events.GetEvents;
import io.aihelpdesk.tools.kubernetes.nodes.GetNodeStatus;
import io.aihelpdesk.tools.kubernetes.nodes.GetNodes;
import io.aihelpdesk.tools.kubernetes.operators.GetPostgresClusters;
import io.aihelpdesk.tools.kubernetes.pods.GetPodResources;
import io.aihelpdesk.tools.kubernetes.pods.DescribePod;
import io.aihelpdesk.tools.kubernetes.pods.GetPodLogs;
import io.aihelpdesk.tools.kubernetes.pods.GetPods;
import io.aihelpdesk.tools.kubernetes.services.DescribeService;
import io.aihelpdesk.tools.kubernetes.services.GetEndpoints;
import io.aihelpdesk.tools.kubernetes.services.GetService;
import io.aihelpdesk.tools.kubernetes.storage.GetPvcs;
import io.aihelpdesk.tools.kubernetes.workloads.GetWorkloads;
import java.util.List;

/**
 * The Kubernetes diagnostic tools, in the order an agent should usually reach for them: pods and
 * their events first, then the workloads that own them, the services in front of them, their
 * storage, and the nodes under them.
 */
public final class KubernetesToolset {
    private KubernetesToolset() {
    }

    public static List<ToolDefinition<?, ?>> all() {
        return List.of(
                GetPods.definition(),
                DescribePod.definition(),
                GetPodLogs.definition(),
                GetPodResources.definition(),
                GetEvents.definition(),
                GetWorkloads.definition(),
                GetPostgresClusters.definition(),
                GetService.definition(),
                DescribeService.definition(),
                GetEndpoints.definition(),
                GetPvcs.definition(),
                GetNodes.definition(),
                GetNodeStatus.definition());
    }
}
