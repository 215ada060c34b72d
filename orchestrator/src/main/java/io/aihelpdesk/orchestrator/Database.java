package io.aihelpdesk.orchestrator;

import java.util.List;
import java.util.Map;

/**
 * One inventory database as the server publishes it ({@code helpdesk://inventory}): what the chat
 * needs to pick a target. No connection details — those stay on the server.
 */
public record Database(String id, String name, String hosting, String k8sCluster, String k8sNamespace, List<String> tags) {
    public Database {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The databases of the server's inventory resource (its JSON, parsed). */
    @SuppressWarnings("unchecked")
    public static List<Database> fromInventory(Map<String, Object> inventory) {
        Object dbs = inventory.get("databases");
        if (!(dbs instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(o -> (Map<String, Object>) o).map(m -> new Database(string(m, "id"), string(m, "name"),
                string(m, "hosting"), string(m, "k8s_cluster"), string(m, "k8s_namespace"),
                m.get("tags") instanceof List<?> t ? t.stream().map(String::valueOf).toList() : List.of())).toList();
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }
}
