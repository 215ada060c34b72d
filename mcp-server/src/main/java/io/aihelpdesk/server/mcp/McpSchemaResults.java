package io.aihelpdesk.server.mcp;

import io.aihelpdesk.tools.Outcome;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** Maps an {@link Outcome} to an MCP tool result: success and pending approval carry structured content; the rest are {@code isError}. */
final class McpSchemaResults {
    private McpSchemaResults() {
    }

    static CallToolResult of(Outcome outcome) {
        return of(outcome, null);
    }

    /**
     * @param approvals where a pending approval's details come from; when null (the tool's schema does
     *                  not admit the pending shape) a pending approval is an {@code isError} result
     */
    static CallToolResult of(Outcome outcome, io.aihelpdesk.governance.approval.Approvals approvals) {
        CallToolResult.Builder b = CallToolResult.builder()
                .addTextContent(outcome.text())
                .meta(Map.of("trace_id", outcome.traceId(), "duration_ms", outcome.durationMs()));
        if (outcome instanceof Outcome.Succeeded s) {
            return b.structuredContent(s.data()).isError(false).build();
        }
        if (outcome instanceof Outcome.PendingApproval p && approvals != null) {
            return b.structuredContent(PendingApprovals.content(p, approvals)).isError(false).build();
        }
        return b.isError(true).build();
    }
}
