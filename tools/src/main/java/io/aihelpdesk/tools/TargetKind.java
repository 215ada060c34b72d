package io.aihelpdesk.tools;

/** Which kind of target a tool acts on; the invoker resolves it before the handler runs. */
public enum TargetKind {
    /** A PostgreSQL server named by the {@code connection_string} argument. */
    DATABASE,
    /**
     * A Kubernetes cluster (and namespace) named by the {@code context} and {@code namespace}
     * arguments; a tool without a {@code namespace} parameter is cluster-scoped.
     */
    KUBERNETES,
    /** Nothing outside this process (catalog or inventory queries). */
    NONE
}
