package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values for a playbook's placeholders: {@code {{target}}} (the database: an inventory id or a
 * connection string) and, from the inventory's Kubernetes placement of that database,
 * {@code {{namespace}}} (its namespace), {@code {{context}}} (its inventory cluster id, which
 * Kubernetes tools accept as a context) and {@code {{selector}}} (its {@code k8s_pod_selector}).
 *
 * <p>A null value leaves its placeholder in place for the agent to fill in, except for the
 * optional ones: once a target is known, an argument whose context or selector the inventory does
 * not give is left out, so the current context applies and every pod of the namespace is listed.
 * The cluster is named through {@code context} rather than by passing the database id as the
 * namespace, because a database id would also narrow pod listings to the database's own pods, and
 * Kubernetes playbooks are usually about the other workloads of that namespace.
 *
 * @param placement one sentence saying where the target runs, for people and agents; "" when unknown
 */
public record Placeholders(String target, String namespace, String context, String selector, String placement) {
    public static final String TARGET = "{{target}}";
    public static final String NAMESPACE = "{{namespace}}";
    public static final String CONTEXT = "{{context}}";
    public static final String SELECTOR = "{{selector}}";

    /** Nothing known: every placeholder stays. */
    public static Placeholders none() {
        return new Placeholders(null, null, null, null, "");
    }

    /**
     * Values for {@code target} looked up in the inventory; an explicit {@code namespace} wins over
     * the inventory's placement.
     */
    public static Placeholders of(Inventory inventory, String target, String namespace) {
        String t = blankToNull(target);
        String ns = blankToNull(namespace);
        if (t == null) {
            return new Placeholders(null, ns, null, null, "");
        }
        DbServer db = inventory.database(t).orElse(null);
        if (db == null) {
            return new Placeholders(t, ns, null, null, inventory.configured()
                    ? t + " is not an inventory database id; it is used as given" : "");
        }
        if (db.k8sCluster() == null && db.k8sNamespace() == null) {
            return new Placeholders(t, ns, null, null, t + " (" + db.name() + ") is " + db.hosting()
                    + (db.vmName() == null ? "" : " on vm " + db.vmName())
                    + "; it has no Kubernetes placement in the inventory, so Kubernetes steps need the namespace "
                    + "the user names, if any");
        }
        String dbNs = db.k8sNamespace() == null ? "default" : db.k8sNamespace();
        String resolved = ns == null ? dbNs : ns;
        return new Placeholders(t, resolved, db.k8sCluster(), blankToNull(db.k8sPodSelector()),
                t + " (" + db.name() + ") runs in Kubernetes namespace " + resolved
                        + (db.k8sCluster() == null ? "" : " of cluster " + db.k8sCluster())
                        + (db.k8sPodSelector() == null ? "" : ", pods selected by " + db.k8sPodSelector()));
    }

    /** The text with every known placeholder replaced. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String s = replace(text, TARGET, target);
        s = replace(s, NAMESPACE, namespace);
        s = replace(s, CONTEXT, context);
        return replace(s, SELECTOR, selector);
    }

    Map<String, String> arguments(Map<String, String> arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        arguments.forEach((k, v) -> {
            boolean unknownOptional = (context == null && v.contains(CONTEXT)) || (selector == null && v.contains(SELECTOR));
            if (!(target != null && unknownOptional)) {
                out.put(k, apply(v));
            }
        });
        return out;
    }

    private static String replace(String text, String placeholder, String value) {
        return value == null ? text : text.replace(placeholder, value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
