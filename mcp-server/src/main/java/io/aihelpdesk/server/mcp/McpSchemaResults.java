package io.aihelpdesk.server.mcp;

import io.aihelpdesk.tools.Outcome;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** Maps an {@link Outcome} to an MCP tool result: success carries structured content; the rest are {@code isError}. */
final class McpSchemaResults {
    private McpSchemaResults() {
    }

    static CallToolResult of(Outcome outcome) {
        CallToolResult.Builder b = CallToolResult.builder()
                .addTextContent(outcome.text())
                .meta(Map.of("trace_id", outcome.traceId(), "duration_ms", outcome.durationMs()));
        if (outcome instanceof Outcome.Succeeded s) {
            return b.structuredContent(s.data()).isError(false).build();
        }
        return b.isError(true).build();
    }
}
