package io.aihelpdesk.orchestrator;

import io.aihelpdesk.tools.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JacksonException;

/**
 * One of the server's MCP tools as the model sees it: name, description and input schema from
 * {@code tools/list}, and a call that goes to the server over the chat's MCP session with the
 * question's trace id (from the Spring AI tool context), so the server governs and audits it. The
 * model gets {@code {"ok", "text"}} with the text every door shows, denials and diagnoses included,
 * so it can relay them verbatim.
 */
final class McpToolCallback implements ToolCallback {
    /** Keys of the question's trace id, caller and door in the Spring AI tool context. */
    static final String TRACE = "aihelpdesk.trace_id";
    static final String CALLER = "aihelpdesk.caller";
    static final String DOOR = "aihelpdesk.door";
    private final McpConnection server;
    private final String name;
    private final ToolDefinition definition;

    McpToolCallback(McpConnection server, McpSchema.Tool tool) {
        this.server = server;
        this.name = tool.name();
        this.definition = DefaultToolDefinition.builder().name(tool.name()).description(tool.description())
                .inputSchema(Json.write(tool.inputSchema())).build();
    }

    @Override
    public ToolDefinition getToolDefinition() {
        return definition;
    }

    @Override
    public String call(String input) {
        return call(input, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public String call(String input, ToolContext context) {
        Object trace = context == null ? null : context.getContext().get(TRACE);
        Map<String, Object> args;
        try {
            args = input == null || input.isBlank() ? Map.of() : Json.mapper().readValue(input, Map.class);
        } catch (JacksonException e) {
            return Json.write(Map.of("ok", false, "text", "Invalid arguments for " + name + ": not a JSON object (" + e.getOriginalMessage() + ")"));
        }
        McpConnection.Reply reply;
        try {
            reply = server.call(name, args, trace instanceof String t ? t : null);
        } catch (RuntimeException e) {
            return Json.write(Map.of("ok", false, "text", "ERROR — " + name + " could not be sent to the server (" + server.where() + "): "
                    + e.getMessage()));
        }
        // JSON because some vendors (Gemini) take a tool's response as an object; the text is the one every door shows.
        return Json.write(Map.of("ok", reply.ok(), "text", reply.text()));
    }
}
