package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.K8sCluster;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a tool's {@code context} and {@code namespace} arguments into a {@link KubernetesTarget}.
 * Either may name an inventory database: {@code namespace=prod-orders} means "the namespace and
 * cluster where prod-orders runs", with its tags and pod selector. A context may also be an
 * inventory cluster id. With an inventory configured and {@code allow_unregistered} off, a context
 * that no inventory cluster names is refused (fail closed), as unregistered databases are.
 */
public final class KubernetesTargets implements AutoCloseable {
    /** The {@code namespace} value that lists across every namespace. */
    public static final String ALL = "all";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern CONTEXT = Pattern.compile("[\\p{Graph}&&[^/\\\\]][\\p{Graph}]{0,252}");

    private final Inventory inventory;
    private final KubernetesClients clients;

    public KubernetesTargets(Inventory inventory, KubernetesClients clients) {
        this.inventory = inventory;
        this.clients = clients;
    }

    public KubernetesClients clients() {
        return clients;
    }

    /**
     * @param context   the {@code context} argument (null or "" = current context / in-cluster)
     * @param namespace the {@code namespace} argument; null for cluster-scoped tools, "all" for every
     *                  namespace, "" for the database's namespace when the context names one, else "default"
     * @throws IllegalArgumentException for malformed names (the caller's mistake)
     * @throws ToolFailure for unregistered targets and unusable kubeconfigs
     */
    public KubernetesTarget resolve(String context, String namespace, boolean clusterScoped) throws ToolFailure {
        String ctxArg = context == null ? "" : context.trim();
        String nsArg = namespace == null ? "" : namespace.trim();
        DbServer db = inventory.database(nsArg).filter(d -> d.k8sCluster() != null || d.k8sNamespace() != null)
                .or(() -> inventory.database(ctxArg).filter(d -> d.k8sCluster() != null)).orElse(null);
        String ctx = ctxArg;
        String ns = nsArg;
        if (db != null && db.id().equals(ns)) {
            ns = db.k8sNamespace() == null ? "default" : db.k8sNamespace();
            if (ctx.isEmpty() || ctx.equals(db.id())) {
                ctx = clusterContext(db);
            }
        } else if (db != null) {
            ctx = clusterContext(db);
            if (ns.isEmpty()) {
                ns = db.k8sNamespace() == null ? "default" : db.k8sNamespace();
            }
        }
        K8sCluster byId = inventory.k8sClusters().get(ctx);
        if (byId != null) {
            ctx = byId.context() == null ? "" : byId.context();
        }
        if (!ctx.isEmpty() && !CONTEXT.matcher(ctx).matches()) {
            throw new IllegalArgumentException("'" + ctx + "' is not a kubeconfig context name");
        }
        if (ctx.isEmpty()) {
            ctx = clients.contexts().current(); // name it, so messages and the audit say which cluster was used
        }
        String resolvedNs = clusterScoped || ALL.equals(ns) ? null : ns.isEmpty() ? "default" : ns;
        if (resolvedNs != null && !DNS_LABEL.matcher(resolvedNs).matches()) {
            throw new IllegalArgumentException("'" + resolvedNs + "' is not a namespace name (lowercase letters, digits and "
                    + "'-', at most 63) nor an inventory database id");
        }
        Optional<K8sCluster> cluster = registered(ctx);
        // The database's pods are the scope only when the namespace is the database's own: a context that
        // names a database with an explicit namespace asks about that namespace, not the database's pods.
        boolean databaseScope = db != null && (db.id().equals(nsArg) || nsArg.isEmpty());
        Set<String> tags = new LinkedHashSet<>();
        cluster.ifPresent(c -> tags.addAll(c.tags()));
        if (db != null) {
            tags.addAll(db.tags());
        }
        return new KubernetesTarget(ctx, resolvedNs, clusterScoped, cluster.map(K8sCluster::id).orElse(""),
                databaseScope ? db.id() : "", List.copyOf(tags), databaseScope ? db.k8sPodSelector() : "");
    }

    private String clusterContext(DbServer db) {
        K8sCluster c = db.k8sCluster() == null ? null : inventory.k8sClusters().get(db.k8sCluster());
        return c == null || c.context() == null ? "" : c.context();
    }

    /** The inventory cluster for a context; refuses unregistered contexts when the inventory says so. */
    private Optional<K8sCluster> registered(String name) throws ToolFailure {
        Optional<K8sCluster> found = inventory.k8sClusters().values().stream()
                .filter(c -> name.equals(c.context() == null ? "" : c.context())).findFirst();
        if (found.isEmpty() && inventory.configured() && !inventory.allowUnregistered()) {
            throw new ToolFailure(new Diagnosis("k8s_unregistered",
                    "Kubernetes context '" + (name.isEmpty() ? "(in-cluster)" : name) + "' is not in the inventory ("
                            + inventory.source() + ") and allow_unregistered is off",
                    "use a cluster or database id from the inventory " + inventory.k8sClusters().keySet()
                            + ", or add the cluster under k8s_clusters", ""));
        }
        return found;
    }

    @Override
    public void close() {
        clients.close();
    }
}
