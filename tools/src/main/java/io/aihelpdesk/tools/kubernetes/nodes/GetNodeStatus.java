package io.aihelpdesk.tools.kubernetes.nodes;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Lookup;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get_node_status}: each node's conditions, capacity, taints and what is wrong with it. */
public final class GetNodeStatus {
    static final List<String> RESOURCES = List.of("cpu", "memory", "pods", "ephemeral-storage");

    private GetNodeStatus() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param("Only this node; empty: every node") String nodeName) {
    }

    public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    }

    public record Taint(String key, String value, String effect) {
    }

    public record NodeStatus(
            String name,
            @Describe("Condition statuses: True, False or Unknown; null when the node does not report it") String ready,
            String memoryPressure,
            String diskPressure,
            String pidPressure,
            String networkUnavailable,
            @Describe("True when cordoned") boolean unschedulable,
            @Describe("cpu, memory, pods, ephemeral-storage the node has") Map<String, String> capacity,
            @Describe("What of the capacity pods may request (capacity minus system reservations)") Map<String, String> allocatable,
            List<Taint> taints,
            List<Condition> conditions,
            @Describe("One sentence per problem: NotReady, pressure, cordoned, condition taints; empty when healthy") List<String> problems) {
    }

    public record Reply(List<NodeStatus> nodes, int count) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_node_status",
                "Show node health: Ready, MemoryPressure, DiskPressure, PIDPressure and NetworkUnavailable conditions with "
                        + "reasons, whether the node is cordoned, capacity versus allocatable cpu/memory/pods/ephemeral-storage, "
                        + "taints, and a list of problems per node. Use when pods are Pending, evicted or slow on one node.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetNodeStatus::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        var nodes = ctx.kubernetes().nodes();
        List<Node> items = p.nodeName() == null || p.nodeName().isBlank() ? nodes.list().getItems()
                : List.of(Lookup.clusterNamed(nodes, ctx.cluster(), "node", p.nodeName().trim()));
        List<NodeStatus> rows = items.stream().sorted(Comparator.comparing((Node n) -> n.getMetadata().getName()))
                .map(GetNodeStatus::status).toList();
        Reply r = new Reply(rows, rows.size());
        return Result.of(r, summary(r, ctx.cluster()));
    }

    static NodeStatus status(Node n) {
        var st = n.getStatus();
        List<Taint> taints = (n.getSpec() == null ? List.<io.fabric8.kubernetes.api.model.Taint>of() : n.getSpec().getTaints())
                .stream().map(t -> new Taint(t.getKey(), t.getValue(), t.getEffect())).toList();
        List<Condition> conditions = st == null ? List.of() : st.getConditions().stream()
                .map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime())).toList();
        return new NodeStatus(n.getMetadata().getName(), of(n, "Ready"), of(n, "MemoryPressure"), of(n, "DiskPressure"),
                of(n, "PIDPressure"), of(n, "NetworkUnavailable"), NodeFacts.unschedulable(n),
                resources(st == null ? null : st.getCapacity()), resources(st == null ? null : st.getAllocatable()),
                taints, conditions, NodeProblems.of(n));
    }

    private static String of(Node n, String type) {
        return NodeFacts.condition(n, type).map(NodeCondition::getStatus).orElse(null);
    }

    private static Map<String, String> resources(Map<String, Quantity> q) {
        Map<String, String> out = new LinkedHashMap<>();
        if (q != null) {
            RESOURCES.stream().filter(q::containsKey).forEach(k -> out.put(k, q.get(k).toString()));
        }
        return out;
    }

    static String summary(Reply r, KubernetesTarget t) {
        String where = t.context().isEmpty() ? "the current context" : "context " + t.context();
        if (r.count() == 0) {
            return "No nodes visible in " + where + ".";
        }
        List<NodeStatus> troubled = r.nodes().stream().filter(n -> !n.problems().isEmpty()).toList();
        if (troubled.isEmpty()) {
            return r.count() == 1 ? "Node " + r.nodes().get(0).name() + " is Ready with no pressure, not cordoned."
                    : "All " + r.count() + " nodes in " + where + " are Ready with no pressure; none cordoned.";
        }
        return troubled.size() + " of " + r.count() + " node" + (r.count() == 1 ? "" : "s") + " in " + where + " with problems: "
                + String.join("; ", troubled.stream().map(n -> n.name() + ": " + String.join(", ", n.problems())).toList());
    }
}
