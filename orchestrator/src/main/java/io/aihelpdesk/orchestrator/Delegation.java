package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JacksonException;

/**
 * The router's one tool, {@code delegate_to_agent}, as in the original: the router states the agent,
 * the request category, its confidence, the user's intent, its reasoning and the alternatives it
 * rejected; that decision is chained into the audit trail as a {@code delegation_decision} event
 * (explainability) before the agent runs, and the agent's answer is recorded as its outcome.
 */
final class Delegation implements ToolCallback {
    static final String NAME = "delegate_to_agent";
    private static final Pattern DESTRUCTIVE = Pattern.compile("\\b(kill|terminate|delete|drop|truncate|cancel|remove)\\b");
    private static final Pattern WRITE = Pattern.compile("\\b(scale|restart|alter|vacuum|reindex|analyze|update|insert|create|set)\\b");
    private static final Redactor REDACTOR = new Redactor();
    private final AuditTrail audit;
    private final AgentRunner runner;
    private final ToolDefinition definition;

    /** Runs one agent on the delegated message, with the question's tool context. */
    @FunctionalInterface
    interface AgentRunner {
        String run(Agent agent, String message, Map<String, Object> context);
    }

    Delegation(AuditTrail audit, AgentRunner runner) {
        this.audit = audit;
        this.runner = runner;
        String agents = Json.write(Arrays.stream(Agent.values()).map(a -> a.id).toList());
        this.definition = DefaultToolDefinition.builder().name(NAME)
                .description("Hand the user's request to the domain agent that can answer it, and explain why. Call it at once; "
                        + "relay the agent's response to the user.")
                .inputSchema("""
                        {"type":"object","properties":{
                          "agent":{"type":"string","enum":%s},
                          "request_category":{"type":"string","description":"e.g. performance, availability, capacity, incident"},
                          "confidence":{"type":"number","minimum":0,"maximum":1},
                          "user_intent":{"type":"string"},
                          "reasoning_chain":{"type":"array","items":{"type":"string"}},
                          "alternatives_considered":{"type":"array","items":{"type":"object","properties":{
                            "agent":{"type":"string"},"rejected_because":{"type":"string"}}}},
                          "message":{"type":"string","description":"The request for the agent, with the database id"}},
                         "required":["agent","message"]}""".formatted(agents)).build();
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
        Map<String, Object> args;
        try {
            args = Json.mapper().readValue(input == null || input.isBlank() ? "{}" : input, Map.class);
        } catch (JacksonException e) {
            return Json.write(Map.of("error", "arguments are not a JSON object: " + e.getOriginalMessage()));
        }
        Optional<Agent> agent = Agent.named(String.valueOf(args.get("agent")));
        if (agent.isEmpty() || !(args.get("message") instanceof String message) || !(ctx.get(McpToolCallback.CALLER) instanceof Caller caller)) {
            return Json.write(Map.of("error", "delegate_to_agent needs an agent (one of database, k8s, incident) and a message"));
        }
        String trace = String.valueOf(ctx.get(McpToolCallback.TRACE));
        String door = String.valueOf(ctx.get(McpToolCallback.DOOR));
        long start = System.nanoTime();
        String decision = audit.append(base("delegation_decision", trace, null, caller, door, message)
                .withDecision(decision(agent.get(), args)));
        Map<String, Object> own = new LinkedHashMap<>(ctx); // the question's trace, caller, door and MCP session
        String response;
        String error = null;
        try {
            response = runner.run(agent.get(), message, own);
        } catch (RuntimeException e) {
            response = null;
            error = e.toString();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        audit.append(base("outcome", trace, decision, caller, door, message)
                .withOutcome(new AuditEvent.Outcome(error == null ? "success" : "error", error, ms)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", agent.get().id);
        out.put(error == null ? "response" : "error", error == null ? response : error);
        out.put("duration_ms", ms);
        out.put("event_id", decision);
        return Json.write(out);
    }

    private static Map<String, Object> decision(Agent agent, Map<String, Object> args) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("agent", agent.id);
        for (String k : List.of("request_category", "confidence", "user_intent", "reasoning_chain", "alternatives_considered")) {
            d.put(k, args.get(k));
        }
        return d;
    }

    private static AuditEvent base(String type, String trace, String parent, Caller caller, String door, String message) {
        return AuditEvent.of(type).withTrace(trace, parent).withActionClass(actionClass(message))
                .withSession(new AuditEvent.Session(null, caller.id()))
                .withPrincipal(new AuditEvent.Principal(caller.id(), caller.kind(), caller.roles()))
                .withTool(new AuditEvent.Tool(NAME, "aihelpdesk/" + door, Map.of("message", REDACTOR.text(message)), null, null, null, null));
    }

    /** As the original classifies a delegated message: destructive verbs, then changing verbs, else read. */
    static String actionClass(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return DESTRUCTIVE.matcher(m).find() ? "destructive" : WRITE.matcher(m).find() ? "write" : "read";
    }
}
