package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.events.GetEvents;
import io.aihelpdesk.tools.kubernetes.operators.GetPostgresClusters;
import io.aihelpdesk.tools.kubernetes.pods.GetPodResources;
import io.aihelpdesk.tools.kubernetes.pods.DescribePod;
import io.aihelpdesk.tools.kubernetes.pods.GetPodLogs;
import io.aihelpdesk.tools.kubernetes.pods.GetPods;
import java.util.List;

/** The Kubernetes diagnostic tools, in the order an agent should usually reach for them. */
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
                GetPostgresClusters.definition());
    }
}
