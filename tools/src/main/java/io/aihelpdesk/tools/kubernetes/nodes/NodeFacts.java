package io.aihelpdesk.tools.kubernetes.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** What kubectl derives from a node's raw status: its STATUS column, roles and addresses. */
final class NodeFacts {
    static final String ROLE_PREFIX = "node-role.kubernetes.io/";
    static final String LEGACY_ROLE = "kubernetes.io/role";
    /** The conditions that, when True, mean the node is in trouble. */
    static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");

    private NodeFacts() {
    }

    /** Ready, NotReady or Unknown, with ",SchedulingDisabled" when cordoned. */
    static String status(Node n) {
        String ready = condition(n, "Ready").map(NodeCondition::getStatus).orElse("Unknown");
        String s = switch (ready) {
            case "True" -> "Ready";
            case "False" -> "NotReady";
            default -> "Unknown";
        };
        return unschedulable(n) ? s + ",SchedulingDisabled" : s;
    }

    static boolean unschedulable(Node n) {
        return n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    }

    /** Roles from {@code node-role.kubernetes.io/<role>} labels and the legacy {@code kubernetes.io/role}. */
    static List<String> roles(Node n) {
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        TreeSet<String> roles = new TreeSet<>();
        labels.forEach((k, v) -> {
            if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
                roles.add(k.substring(ROLE_PREFIX.length()));
            } else if (k.equals(LEGACY_ROLE) && v != null && !v.isEmpty()) {
                roles.add(v);
            }
        });
        return List.copyOf(roles);
    }

    static Optional<NodeCondition> condition(Node n, String type) {
        if (n.getStatus() == null) {
            return Optional.empty();
        }
        return n.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The first address of a type (InternalIP, ExternalIP, Hostname), or null. */
    static String address(Node n, String type) {
        if (n.getStatus() == null) {
            return null;
        }
        return n.getStatus().getAddresses().stream().filter(a -> type.equals(a.getType())).map(NodeAddress::getAddress)
                .findFirst().orElse(null);
    }

    static String kubeletVersion(Node n) {
        return n.getStatus() == null || n.getStatus().getNodeInfo() == null ? null : n.getStatus().getNodeInfo().getKubeletVersion();
    }
}
