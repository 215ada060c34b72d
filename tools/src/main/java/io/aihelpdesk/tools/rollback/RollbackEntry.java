package io.aihelpdesk.tools.rollback;

import io.aihelpdesk.tools.Describe;
import java.util.Map;

/**
 * One reversible action and how to undo it: the tool call that restores the state captured before
 * the action ({@code inverseTool} with {@code inverseArguments}, which name the same target).
 */
public record RollbackEntry(
        @Describe("Pass this to rollback_action") String actionId,
        @Describe("When the action ran (ISO-8601 UTC)") String createdAt,
        String traceId,
        @Describe("Who ran the action") String principal,
        @Describe("The tool that made the change") String tool,
        @Describe("Where it acted: inventory id, connection (no password) or context/namespace") String target,
        @Describe("What the action changed, from what to what") String description,
        @Describe("The call that undoes it") String inverseTool,
        Map<String, Object> inverseArguments,
        @Describe("The state captured before the action") Map<String, Object> preState,
        @Describe("available, rolling_back or rolled_back") String status,
        String rolledBackAt,
        @Describe("Trace id of the rollback call") String rollbackTrace) {
    public static final String AVAILABLE = "available";
    public static final String ROLLING_BACK = "rolling_back";
    public static final String ROLLED_BACK = "rolled_back";
}
