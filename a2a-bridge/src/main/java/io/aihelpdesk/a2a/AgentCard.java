package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent card of one {@link DomainAgent}, in the "superset" shape the A2A JS SDK's own servers
 * publish: the 0.3 card ({@code url}, {@code preferredTransport}, {@code protocolVersion},
 * {@code securitySchemes} with {@code type}) plus {@code supportedInterfaces}, listing the one
 * JSON-RPC endpoint for 1.0 and for 0.3. So 0.3 clients read {@code url} and 1.0 clients pick the
 * 1.0 interface of the same endpoint. One skill per tool (its name is the data part's {@code tool}),
 * plus one for free-text questions.
 */
public final class AgentCard {
    static final String PROTOCOL_VERSION_0_3 = "0.3.0";
    private static final Set<String> NOT_TAGS = Set.of("get", "list", "info", "describe", "check", "create", "run", "the", "of", "a2a");

    private AgentCard() {
    }

    /**
     * @param rpcUrl       the absolute URL of the agent's JSON-RPC endpoint
     * @param authRequired whether callers must present a bearer token (API key or JWT)
     */
    public static Map<String, Object> of(DomainAgent agent, Catalog catalog, String rpcUrl, String version, boolean authRequired) {
        return of(agent, catalog, rpcUrl, version, authRequired, false);
    }

    /**
     * @param v10Security the security schemes in the 1.0 shape ({@code {"httpAuthSecurityScheme": …}},
     *                    {@code securityRequirements}) rather than the 0.3 one ({@code {"type": "http"}},
     *                    {@code security}): for clients that ask with {@code A2A-Version: 1.0}, as strict 1.0
     *                    readers (the A2A Java SDK) refuse the 0.3 shape
     */
    public static Map<String, Object> of(DomainAgent agent, Catalog catalog, String rpcUrl, String version, boolean authRequired,
                                         boolean v10Security) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", agent.name());
        card.put("description", agent.description());
        card.put("version", version);
        card.put("protocolVersion", PROTOCOL_VERSION_0_3);
        card.put("url", rpcUrl);
        card.put("preferredTransport", "JSONRPC");
        // tenant "" (no tenant) is spelled out: strict 1.0 readers such as the A2A Java SDK require the field
        card.put("supportedInterfaces", List.of(
                Map.of("url", rpcUrl, "protocolBinding", "JSONRPC", "protocolVersion", "1.0", "tenant", ""),
                Map.of("url", rpcUrl, "protocolBinding", "JSONRPC", "protocolVersion", "0.3", "tenant", "")));
        card.put("provider", Map.of("organization", "aiHelpDesk", "url", "https://github.com/borisdali/helpdesk"));
        card.put("capabilities", Map.of("streaming", true, "pushNotifications", false, "stateTransitionHistory", false));
        card.put("defaultInputModes", List.of("text/plain", "application/json"));
        card.put("defaultOutputModes", List.of("text/plain", "application/json"));
        String how = "An aiHelpDesk API key (helpdesk users add) or a JWT from the configured identity provider";
        if (authRequired && v10Security) {
            card.put("securitySchemes", Map.of("bearer", Map.of("httpAuthSecurityScheme", Map.of("scheme", "Bearer", "description", how))));
            card.put("securityRequirements", List.of(Map.of("schemes", Map.of("bearer", Map.of("list", List.of())))));
        } else if (authRequired) {
            card.put("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "description", how)));
            card.put("security", List.of(Map.of("bearer", List.of())));
        }
        List<Map<String, Object>> skills = new ArrayList<>();
        skills.add(askSkill(agent));
        for (ToolDefinition<?, ?> t : agent.tools(catalog)) {
            skills.add(skill(agent, t, catalog));
        }
        card.put("skills", skills);
        return card;
    }

    private static Map<String, Object> askSkill(DomainAgent agent) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", agent.name());
        s.put("name", "Ask " + agent.name());
        s.put("description", "A question in plain text (a text part), answered by the aiHelpDesk chat: a language model "
                + "when one is configured, else the offline router to the diagnose triage. Every tool it uses is governed and audited as you.");
        List<String> tags = new ArrayList<>(agent.tags());
        tags.add("question");
        s.put("tags", tags);
        s.put("examples", List.of(agent.name().startsWith("k8s") ? "Why is the postgres pod restarting?"
                : agent.name().startsWith("incident") ? "Collect an incident bundle for the demo database"
                : "Why are queries on the demo database hanging?"));
        s.put("inputModes", List.of("text/plain"));
        s.put("outputModes", List.of("text/plain"));
        return s;
    }

    private static Map<String, Object> skill(DomainAgent agent, ToolDefinition<?, ?> t, Catalog catalog) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", t.name());
        s.put("name", t.name());
        s.put("description", t.description());
        Set<String> tags = new LinkedHashSet<>(DomainAgent.owner(t).tags());
        for (String word : t.name().split("_")) {
            if (!NOT_TAGS.contains(word) && word.length() > 2) {
                tags.add(word.endsWith("s") ? word : word + "s");
            }
        }
        tags.add(t.effect() == Effect.READ ? "read-only" : t.effect().name().toLowerCase(Locale.ROOT));
        s.put("tags", List.copyOf(tags));
        s.put("examples", List.of(example(t, catalog)));
        s.put("inputModes", List.of("application/json"));
        s.put("outputModes", List.of("application/json", "text/plain"));
        return s;
    }

    /** The data part that runs the tool, its required arguments filled with placeholders. */
    @SuppressWarnings("unchecked")
    private static String example(ToolDefinition<?, ?> t, Catalog catalog) {
        Map<String, Object> schema = catalog.inputSchema(t.name());
        Map<String, Object> args = new LinkedHashMap<>();
        Object required = schema.get("required");
        Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        if (required instanceof List<?> names) {
            for (Object n : names) {
                Map<String, Object> p = (Map<String, Object>) props.getOrDefault(n.toString(), Map.of());
                args.put(n.toString(), placeholder(n.toString(), p));
            }
        }
        if (props.containsKey("connection_string") && !args.containsKey("connection_string")) {
            args.put("connection_string", "<database id from the inventory>");
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("tool", t.name());
        call.put("arguments", args);
        return io.aihelpdesk.tools.Json.write(call);
    }

    private static Object placeholder(String name, Map<String, Object> p) {
        Object type = p.get("type");
        if ("integer".equals(type) || "number".equals(type)) {
            return 1;
        }
        if ("boolean".equals(type)) {
            return true;
        }
        return "<" + name + ">";
    }
}
