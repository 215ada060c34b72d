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
    /**
     * The machine this server runs on: its commands and its files (incident bundles). Nothing to
     * resolve; policy sees it as resource type {@code host}.
     */
    HOST,
    /**
     * A remote A2A agent this server delegates to. The tool is named {@code a2a_<agent>}; nothing to
     * resolve; policy sees it as resource type {@code agent} named by {@code <agent>}.
     */
    AGENT,
    /** Nothing outside this process (catalog or inventory queries). */
    NONE
}
