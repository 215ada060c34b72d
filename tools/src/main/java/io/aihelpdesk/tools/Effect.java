package io.aihelpdesk.tools;

/** What a tool can do to the systems it touches; governance classifies actions from this. */
public enum Effect {
    /** Observes only: never changes data, configuration or workload state. */
    READ,
    /** Changes state in a recoverable way (cancel a query, vacuum, reload config). */
    WRITE,
    /** Ends sessions, deletes objects or pods: may lose work that cannot be recovered. */
    DESTRUCTIVE
}
