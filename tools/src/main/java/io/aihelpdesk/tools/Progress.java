package io.aihelpdesk.tools;

/**
 * Where a long-running handler reports how far it got. A door that can show progress (MCP, when
 * the request carries a progress token) supplies one; everywhere else it is {@link #NONE}.
 * Implementations must be cheap and must not throw.
 */
@FunctionalInterface
public interface Progress {
    /** Reports nothing. */
    Progress NONE = (done, total, message) -> {
    };

    /**
     * @param done    steps finished so far (increases with every report)
     * @param total   steps expected in all, or 0 when unknown
     * @param message what is happening now, for a person
     */
    void report(double done, double total, String message);
}
