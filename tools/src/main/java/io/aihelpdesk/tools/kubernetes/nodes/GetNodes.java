package io.aihelpdesk.tools.kubernetes.nodes;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.Age;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code get_nodes}: the cluster's nodes as kubectl get nodes -o wide shows them. */
public final class GetNodes {
    private GetNodes() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(value = "Include each node's labels", defaultValue = "false") boolean showLabels) {
    }

    public record NodeRow(
            String name,
            @Describe("Ready, NotReady or Unknown, plus ',SchedulingDisabled' when cordoned") String status,
            @Describe("From node-role.kubernetes.io/<role> labels; empty when none") List<String> roles,
            String age,
            String kubeletVersion,
            String internalIp,
            String externalIp,
            String osImage,
            String kernelVersion,
            String containerRuntime,
            @Describe("Pressure conditions that are True: MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable") List<String> pressures,
            @Describe("Only with show_labels=true") Map<String, String> labels) {
    }

    public record Reply(List<NodeRow> nodes, int count) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_nodes",
                "List the cluster's nodes: status (Ready/NotReady/Unknown, SchedulingDisabled when cordoned), roles, age, "
                        + "kubelet version, internal and external IPs, OS, kernel, runtime, and any pressure condition; labels "
                        + "with show_labels=true. get_node_status gives conditions, capacity and taints.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetNodes::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) {
        Instant now = Instant.now();
        List<NodeRow> rows = ctx.kubernetes().nodes().list().getItems().stream()
                .sorted(Comparator.comparing((Node n) -> n.getMetadata().getName()))
                .map(n -> row(n, p.showLabels(), now)).toList();
        Reply r = new Reply(rows, rows.size());
        return Result.of(r, summary(r, ctx.cluster()));
    }

    static NodeRow row(Node n, boolean labels, Instant now) {
        var info = n.getStatus() == null ? null : n.getStatus().getNodeInfo();
        List<String> pressures = NodeFacts.PRESSURES.stream()
                .filter(type -> NodeFacts.condition(n, type).map(NodeCondition::getStatus).filter("True"::equals).isPresent()).toList();
        return new NodeRow(n.getMetadata().getName(), NodeFacts.status(n), NodeFacts.roles(n),
                Age.of(n.getMetadata().getCreationTimestamp(), now), NodeFacts.kubeletVersion(n),
                NodeFacts.address(n, "InternalIP"), NodeFacts.address(n, "ExternalIP"),
                info == null ? null : info.getOsImage(), info == null ? null : info.getKernelVersion(),
                info == null ? null : info.getContainerRuntimeVersion(), pressures,
                labels ? (n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels()) : null);
    }

    static String summary(Reply r, KubernetesTarget t) {
        String where = t.context().isEmpty() ? "the current context" : "context " + t.context();
        if (r.count() == 0) {
            return "No nodes visible in " + where + ".";
        }
        List<NodeRow> notReady = r.nodes().stream().filter(n -> !n.status().startsWith("Ready")).toList();
        List<NodeRow> cordoned = r.nodes().stream().filter(n -> n.status().endsWith("SchedulingDisabled")).toList();
        List<NodeRow> pressured = r.nodes().stream().filter(n -> !n.pressures().isEmpty()).toList();
        StringBuilder s = new StringBuilder(r.count() + " node" + (r.count() == 1 ? "" : "s") + " in " + where + ": "
                + (r.count() - notReady.size()) + " Ready");
        if (!notReady.isEmpty()) {
            s.append("; not ready: ").append(String.join(", ", notReady.stream().map(n -> n.name() + " " + n.status()).toList()));
        }
        if (!cordoned.isEmpty()) {
            s.append("; cordoned: ").append(String.join(", ", cordoned.stream().map(NodeRow::name).toList()));
        }
        if (!pressured.isEmpty()) {
            s.append("; under pressure: ").append(String.join(", ", pressured.stream()
                    .map(n -> n.name() + " (" + String.join(", ", n.pressures()) + ")").toList()));
        }
        return s.toString();
    }
}
