package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import java.util.Map;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JacksonException;

/**
 * One catalog tool as the model sees it: name, description and input schema from the catalog, and a
 * call that goes through the governance pipeline as the asking user, through the door the question
 * came in by, with the question's trace id (all three from the Spring AI tool context). The model gets
 * {@code {"ok", "text"}} with the same text every other door shows, errors included, so it can relay a
 * denial or a diagnosis verbatim.
 */
final class GovernedToolCallback implements ToolCallback {
    private final Pipeline pipeline;
    private final String name;
    private final ToolDefinition definition;
    /** Keys of the question's trace id, caller and door in the Spring AI tool context. */
    static final String TRACE = "aihelpdesk.trace_id";
    static final String CALLER = "aihelpdesk.caller";
    static final String DOOR = "aihelpdesk.door";

    GovernedToolCallback(Pipeline pipeline, io.aihelpdesk.tools.ToolDefinition<?, ?> tool) {
        this.pipeline = pipeline;
        this.name = tool.name();
        this.definition = DefaultToolDefinition.builder().name(tool.name()).description(tool.description())
                .inputSchema(Json.write(pipeline.catalog().inputSchema(tool.name()))).build();
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
        Map<String, Object> ctx = context == null ? Map.of() : context.getContext();
        if (!(ctx.get(CALLER) instanceof Caller caller) || !(ctx.get(DOOR) instanceof String door)) {
            // Every question carries its caller; a call without one must not run as anybody.
            return Json.write(Map.of("ok", false, "text", "ERROR — " + name + " was not run: the request carried no caller identity"));
        }
        Object trace = ctx.get(TRACE);
        Map<String, Object> args;
        try {
            args = input == null || input.isBlank() ? Map.of() : Json.mapper().readValue(input, Map.class);
        } catch (JacksonException e) {
            return Json.write(Map.of("ok", false, "text", "Invalid arguments for " + name + ": not a JSON object (" + e.getOriginalMessage() + ")"));
        }
        Outcome outcome = pipeline.run(new Invocation(name, args, caller, trace instanceof String t ? t : null, door));
        // JSON because some vendors (Gemini) take a tool's response as an object; the text is the one every door shows.
        return Json.write(Map.of("ok", outcome instanceof Outcome.Succeeded, "text", outcome.text()));
    }
}
