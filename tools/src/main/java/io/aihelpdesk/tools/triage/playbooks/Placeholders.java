package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values for a playbook's placeholders: {@code {{target}}} (the database: an inventory id or a
 * connection string), {@code {{namespace}}} (the {@code namespace} argument of Kubernetes tools) and
 * {@code {{context}}} (the {@code context} argument of cluster-wide Kubernetes calls such as
 * get_nodes). A null value leaves its placeholder in place for the agent to fill in, except that
 * once a target is known an unknown context drops the argument: the current context applies.
 *
 * <p>For an inventory database with Kubernetes placement, {@code {{namespace}}} becomes the
 * database id: the Kubernetes tools resolve it to the database's namespace <em>and</em> cluster,
 * its pod selector and its tags (which policies match on), so one argument cannot point at the
 * wrong cluster; {@code {{context}}} becomes the database id as well when it names a cluster.
 * {@link #placement()} spells out that namespace and cluster for the reader.
 *
 * @param placement one sentence saying where the target runs, for people and agents; "" when unknown
 */
public record Placeholders(String target, String namespace, String context, String placement) {
    public static final String TARGET = "{{target}}";
    public static final String NAMESPACE = "{{namespace}}";
    public static final String CONTEXT = "{{context}}";

    /** Nothing known: every placeholder stays. */
    public static Placeholders none() {
        return new Placeholders(null, null, null, "");
    }

    /**
     * Values for {@code target} looked up in the inventory; an explicit {@code namespace} wins over
     * the inventory's placement.
     */
    public static Placeholders of(Inventory inventory, String target, String namespace) {
        String t = blankToNull(target);
        String ns = blankToNull(namespace);
        if (t == null) {
            return new Placeholders(null, ns, null, "");
        }
        DbServer db = inventory.database(t).orElse(null);
        if (db == null) {
            return new Placeholders(t, ns, null, inventory.configured()
                    ? t + " is not an inventory database id; it is used as given" : "");
        }
        if (db.k8sCluster() == null && db.k8sNamespace() == null) {
            return new Placeholders(t, ns, null, t + " (" + db.name() + ") is " + db.hosting()
                    + (db.vmName() == null ? "" : " on vm " + db.vmName())
                    + "; it has no Kubernetes placement in the inventory, so Kubernetes steps need the namespace "
                    + "the user names, if any");
        }
        String dbNs = db.k8sNamespace() == null ? "default" : db.k8sNamespace();
        return new Placeholders(t, ns == null ? t : ns, db.k8sCluster() == null ? null : t,
                t + " (" + db.name() + ") runs in Kubernetes namespace "
                + dbNs + (db.k8sCluster() == null ? "" : " of cluster " + db.k8sCluster())
                + (db.k8sPodSelector() == null ? "" : ", pods selected by " + db.k8sPodSelector())
                + (ns == null ? "; Kubernetes steps pass namespace=" + t + ", which the tools resolve to that namespace and cluster"
                : "; Kubernetes steps use namespace " + ns + " as asked"));
    }

    /** The text with every known placeholder replaced. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String s = target == null ? text : text.replace(TARGET, target);
        s = namespace == null ? s : s.replace(NAMESPACE, namespace);
        return context == null ? s : s.replace(CONTEXT, context);
    }

    Map<String, String> arguments(Map<String, String> arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        arguments.forEach((k, v) -> {
            if (!(context == null && target != null && v.contains(CONTEXT))) {
                out.put(k, apply(v));
            }
        });
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
