package io.aihelpdesk.tools.kubernetes;

/** The descriptions every Kubernetes tool gives its {@code context} and {@code namespace} parameters. */
public final class Scope {
    public static final String CONTEXT = "kubeconfig context, inventory cluster id or inventory database id; "
            + "empty uses the current context (or the in-cluster service account)";
    public static final String NAMESPACE = "Namespace, or an inventory database id (its k8s_namespace and cluster). "
            + "Empty: the database's namespace when context names a database, else 'default'";
    public static final String NAMESPACE_OR_ALL = NAMESPACE + ". 'all' lists every namespace";

    private Scope() {
    }
}
