package io.aihelpdesk.tools.kubernetes.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a node, one sentence per problem: not Ready, a pressure condition, cordoned,
 * a taint the node controller or kubelet set because of a condition ({@code node.kubernetes.io/*}).
 * Taints an administrator set on purpose (control-plane, dedicated pools) are not problems.
 */
final class NodeProblems {
    static final String CONDITION_TAINT_PREFIX = "node.kubernetes.io/";

    private NodeProblems() {
    }

    static List<String> of(Node n) {
        List<String> problems = new ArrayList<>();
        NodeCondition ready = NodeFacts.condition(n, "Ready").orElse(null);
        if (ready == null) {
            problems.add("no Ready condition reported: the kubelet may never have registered");
        } else if (!"True".equals(ready.getStatus())) {
            problems.add(("False".equals(ready.getStatus()) ? "NotReady" : "Ready status Unknown (the kubelet stopped reporting)")
                    + describe(ready));
        }
        for (String type : NodeFacts.PRESSURES) {
            NodeFacts.condition(n, type).filter(c -> "True".equals(c.getStatus()))
                    .ifPresent(c -> problems.add(type + describe(c)));
        }
        if (NodeFacts.unschedulable(n)) {
            problems.add("cordoned: spec.unschedulable is true, no new pods are placed here");
        }
        List<Taint> taints = n.getSpec() == null ? List.of() : n.getSpec().getTaints();
        for (Taint t : taints) {
            if (t.getKey() != null && t.getKey().startsWith(CONDITION_TAINT_PREFIX)) {
                problems.add("taint " + text(t) + " keeps pods without a matching toleration "
                        + ("NoExecute".equals(t.getEffect()) ? "off (and evicts running ones)" : "from being scheduled here"));
            }
        }
        return List.copyOf(problems);
    }

    /** {@code key=value:Effect}, as kubectl taint writes it. */
    static String text(Taint t) {
        return t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":" + t.getEffect();
    }

    private static String describe(NodeCondition c) {
        String reason = c.getReason() == null ? "" : c.getReason();
        String message = c.getMessage() == null ? "" : c.getMessage();
        if (reason.isEmpty() && message.isEmpty()) {
            return "";
        }
        return ": " + (message.isEmpty() ? reason : message + (reason.isEmpty() ? "" : " (" + reason + ")"));
    }
}
