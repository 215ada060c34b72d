package io.aihelpdesk.server;

import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.K8sCluster;
import io.aihelpdesk.tools.inventory.Vm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inventory as every door shows it (MCP resources, the REST gateway): JSON-ready maps with any
 * password in a connection string masked and {@code password_env} left out. Secrets never leave the server.
 */
public final class InventoryView {
    private static final Redactor REDACTOR = new Redactor();

    private InventoryView() {
    }

    public static Map<String, Object> of(Inventory inventory) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("configured", inventory.configured());
        out.put("allow_unregistered", inventory.allowUnregistered());
        out.put("databases", inventory.dbServers().values().stream().map(db -> of(inventory, db)).toList());
        out.put("k8s_clusters", inventory.k8sClusters().values());
        out.put("vms", inventory.vms().values());
        return out;
    }

    /** One database, with where it runs resolved: the cluster's context or the VM's host. */
    public static Map<String, Object> of(Inventory inventory, DbServer db) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", db.id());
        out.put("name", db.name());
        out.put("connection_string", mask(db.connectionString()));
        out.put("hosting", db.hosting());
        out.put("k8s_cluster", db.k8sCluster());
        out.put("k8s_context", db.k8sCluster() == null ? null
                : inventory.k8sClusters().values().stream().filter(c -> c.id().equals(db.k8sCluster()))
                        .map(K8sCluster::context).findFirst().orElse(null));
        out.put("k8s_namespace", db.k8sNamespace());
        out.put("vm_name", db.vmName());
        out.put("vm_host", db.vmName() == null ? null
                : inventory.vms().values().stream().filter(v -> v.id().equals(db.vmName())).map(Vm::host).findFirst().orElse(null));
        out.put("tags", db.tags());
        return out;
    }

    /** A connection string with its password (libpq {@code password=} or URI user info) masked. */
    public static String mask(String connectionString) {
        return REDACTOR.text(connectionString);
    }
}
