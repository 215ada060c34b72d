package io.aihelpdesk.tools.inventory;

import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Reads and validates an inventory file (JSON or YAML); every problem is reported with its line. */
public final class InventoryLoader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Set<String> TOP = Set.of("version", "db_servers", "k8s_clusters", "vms", "allow_unregistered");
    private static final Set<String> DB = Set.of("name", "connection_string", "password_env", "k8s_cluster",
            "k8s_namespace", "k8s_pod_selector", "vm_name", "tags", "description");
    private static final Set<String> K8S = Set.of("name", "context", "tags", "description");
    private static final Set<String> VM = Set.of("name", "host", "description");

    private InventoryLoader() {
    }

    public static Inventory load(Path file) throws ConfigException {
        return parse(ConfigNode.read(file, "inventory"), file.toString(), System::getenv);
    }

    public static Inventory parse(String text, String source, UnaryOperator<String> env) throws ConfigException {
        ConfigNode root = ConfigNode.parse(text, source);
        ConfigProblems p = new ConfigProblems(source, env);
        if (!p.expectMap(root)) {
            p.throwIfAny();
        }
        p.onlyKeys(root, TOP);
        Map<String, DbServer> dbs = new LinkedHashMap<>();
        Map<String, K8sCluster> clusters = new LinkedHashMap<>();
        Map<String, Vm> vms = new LinkedHashMap<>();
        Map<String, ConfigNode> dbNodes = entries(root, "db_servers", p);
        for (var e : dbNodes.entrySet()) {
            ConfigNode n = e.getValue();
            p.onlyKeys(n, DB);
            String conn = p.text(n, "connection_string", true);
            dbs.put(e.getKey(), new DbServer(e.getKey(), orId(p.text(n, "name", false), e.getKey()), conn,
                    p.text(n, "password_env", false), p.text(n, "k8s_cluster", false),
                    p.text(n, "k8s_namespace", false), p.text(n, "k8s_pod_selector", false), p.text(n, "vm_name", false),
                    p.strings(n, "tags")));
        }
        for (var e : entries(root, "k8s_clusters", p).entrySet()) {
            ConfigNode n = e.getValue();
            p.onlyKeys(n, K8S);
            clusters.put(e.getKey(), new K8sCluster(e.getKey(), orId(p.text(n, "name", false), e.getKey()),
                    p.text(n, "context", false), p.strings(n, "tags")));
        }
        for (var e : entries(root, "vms", p).entrySet()) {
            ConfigNode n = e.getValue();
            p.onlyKeys(n, VM);
            vms.put(e.getKey(), new Vm(e.getKey(), orId(p.text(n, "name", false), e.getKey()), p.text(n, "host", true)));
        }
        for (var e : dbNodes.entrySet()) {
            DbServer db = dbs.get(e.getKey());
            if (db.k8sCluster() != null && !clusters.containsKey(db.k8sCluster())) {
                p.add(e.getValue().fields().get("k8s_cluster"), "names cluster '" + db.k8sCluster()
                        + "', which is not in k8s_clusters " + clusters.keySet());
            }
            if (db.vmName() != null && !vms.containsKey(db.vmName())) {
                p.add(e.getValue().fields().get("vm_name"), "names vm '" + db.vmName() + "', which is not in vms " + vms.keySet());
            }
            if (db.k8sCluster() != null && db.vmName() != null) {
                p.add(e.getValue(), "sets both k8s_cluster and vm_name; a database runs in one place");
            }
        }
        boolean allowUnregistered = p.bool(root, "allow_unregistered", false);
        p.throwIfAny();
        return new Inventory(dbs, clusters, vms, allowUnregistered, source);
    }

    private static Map<String, ConfigNode> entries(ConfigNode root, String key, ConfigProblems p) {
        ConfigNode section = root.fields().get(key);
        if (section == null || (section.isScalar() && section.scalar() == null)) {
            return Map.of();
        }
        if (!section.isMap()) {
            p.add(section, "must be a mapping of id to entry");
            return Map.of();
        }
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        for (var e : section.fields().entrySet()) {
            if (!ID.matcher(e.getKey()).matches()) {
                p.add(e.getValue(), "id '" + e.getKey() + "' must be 1-63 letters, digits, '.', '_' or '-'");
            } else if (p.expectMap(e.getValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static String orId(String name, String id) {
        return name == null || name.isBlank() ? id : name;
    }
}
