package io.aihelpdesk.tools;

/** Which kind of target a tool acts on; the invoker resolves it before the handler runs. */
public enum TargetKind {
    /** A PostgreSQL server named by the {@code connection_string} argument. */
    DATABASE,
    /** Nothing outside this process (catalog or inventory queries). */
    NONE
}
