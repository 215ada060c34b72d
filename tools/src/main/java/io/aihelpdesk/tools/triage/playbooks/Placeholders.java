package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values for a playbook's placeholders: {@code {{target}}} (the database: an inventory id or a
 * connection string), {@code {{namespace}}} and {@code {{context}}} (where it runs in Kubernetes).
 * A null value leaves its placeholder in place for the agent to fill in, except {@code context}:
 * once a target is known, an unknown context means "the current context" and the argument is
 * dropped.
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
     * Values for {@code target} looked up in the inventory: an inventory database with Kubernetes
     * placement gives its namespace and cluster; {@code namespace}, when given, wins.
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
                    + ": it has no Kubernetes placement in the inventory, so Kubernetes steps need a namespace you know");
        }
        String dbNs = db.k8sNamespace() == null ? "default" : db.k8sNamespace();
        String resolvedNs = ns == null ? dbNs : ns;
        return new Placeholders(t, resolvedNs, db.k8sCluster(), t + " (" + db.name() + ") runs in Kubernetes namespace "
                + resolvedNs + (db.k8sCluster() == null ? "" : " of cluster " + db.k8sCluster())
                + (db.k8sPodSelector() == null ? "" : ", pods selected by " + db.k8sPodSelector()));
    }

    /** The text with every known placeholder replaced. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        s = target == null ? s : s.replace(TARGET, target);
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
