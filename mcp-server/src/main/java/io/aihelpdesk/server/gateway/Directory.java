package io.aihelpdesk.server.gateway;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.InventoryView;
import io.aihelpdesk.server.Version;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.inventory.Inventory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import io.aihelpdesk.orchestrator.Agent;
import io.aihelpdesk.orchestrator.AuditTrail;
import io.aihelpdesk.orchestrator.Database;
import io.aihelpdesk.orchestrator.McpConnection;
import io.aihelpdesk.orchestrator.ModelChat;
import io.aihelpdesk.server.mcp.InProcessServer;

/**
 * The routes that describe the server rather than run a tool: health, the agents (tool families),
 * the inventory without secrets, and {@code /query}: a question answered by the configured language
 * model, whose tool calls run governed as the caller (door {@code rest}) under the request's trace id.
 */
final class Directory {
    /** Agent names {@code /query} accepts, as the original's gateway did (aliases resolve through {@link Agent#named}). */
    private static final List<String> AGENT_NAMES = List.of("database", "db", "k8s", "kubernetes", "incident");
    private final Helpdesk helpdesk;
    private final ModelChat model;
    private final String modelProblem;
    /** The MCP server the model's tool calls go through, one session per query as its caller; null without a model. */
    private final InProcessServer tools;

    /** @param env where the model settings come from ({@code HELPDESK_MODEL_VENDOR}, ...) */
    Directory(Helpdesk helpdesk, UnaryOperator<String> env) {
        this.helpdesk = helpdesk;
        ModelChat m = null;
        String problem = null;
        try {
            m = ModelChat.fromEnvironment(Database.fromInventory(InventoryView.of(helpdesk.inventory())),
                    AuditTrail.of(helpdesk.audit()), env);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        this.model = m;
        this.modelProblem = problem;
        this.tools = m == null ? null : new InProcessServer(helpdesk, ToolRoutes.DOOR);
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/health", "health", "Liveness: version, tool and database counts (no authentication).",
                        null, null, call -> ApiResponse.ok(call.traceId(), health())),
                new Route("GET", "/api/v1/agents", "list_agents", "The agents (tool families) and the tools each offers.",
                        null, null, call -> ApiResponse.ok(call.traceId(), agents())),
                new Route("POST", "/api/v1/query", "query", "Ask an agent a question in natural language (needs a language model).",
                        null, null, this::query),
                new Route("GET", "/api/v1/databases", "list_databases", "The inventory's databases; passwords masked.",
                        null, null, call -> ApiResponse.ok(call.traceId(), databases())),
                new Route("GET", "/api/v1/infrastructure", "get_infrastructure",
                        "The whole inventory (databases, Kubernetes clusters, VMs) with a summary; no secrets.",
                        null, null, call -> ApiResponse.ok(call.traceId(), infrastructure())));
    }

    private Map<String, Object> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("health", "ok");
        out.put("version", Version.current());
        out.put("tools", helpdesk.catalog().all().size());
        out.put("databases", helpdesk.inventory().dbServers().size());
        return out;
    }

    private Map<String, Object> agents() {
        Catalog catalog = helpdesk.catalog();
        List<Map<String, Object>> agents = Arrays.stream(Family.values()).filter(f -> !f.tools(catalog).isEmpty()).map(f -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", f.agent);
            a.put("description", f.description);
            a.put("available", true);
            a.put("skills", f.tools(catalog));
            return a;
        }).toList();
        return Map.of("agents", agents, "count", agents.size());
    }

    private ApiResponse query(Call call) {
        Object agent = call.body().get("agent");
        Object message = call.body().get("message");
        if (!(message instanceof String m) || m.isBlank()) {
            return ApiResponse.error(400, "missing_message", "the request needs a non-empty \"message\"",
                    "send {\"agent\": \"database\", \"message\": \"why is the database slow?\"}", call.traceId(), Map.of());
        }
        Agent named = agent == null ? null : Agent.named(agent.toString()).orElse(null);
        if (agent != null && named == null) {
            return ApiResponse.error(400, "unknown_agent", "unknown agent '" + agent + "'", "agents: " + String.join(", ", AGENT_NAMES)
                    + "; or none to let the router choose", call.traceId(), Map.of("valid_agents", AGENT_NAMES));
        }
        if (model == null) {
            return ApiResponse.error(503, "no_model", modelProblem != null ? "the language model is misconfigured: " + modelProblem
                            : "no language model is configured: /api/v1/query routes a question to an agent through an LLM",
                    "configure one with HELPDESK_MODEL_VENDOR (anthropic, gemini, openai or ollama), HELPDESK_API_KEY and optionally "
                            + "HELPDESK_MODEL_NAME and HELPDESK_MODEL_BASE_URL, and restart the server; without one, POST "
                            + "/api/v1/diagnose triages a database and POST /api/v1/db/{tool} or /api/v1/k8s/{tool} run the tools directly",
                    call.traceId(), Map.of());
        }
        ModelChat.Answer a;
        try (McpConnection session = McpConnection.open(tools.connect(call.caller()), "in-process")) {
            a = model.ask(new ModelChat.Question(m, session, call.caller(), call.traceId(), ToolRoutes.DOOR, named == null ? null : named.id));
        }
        if (a.error() != null) {
            return ApiResponse.error(502, "model_error", a.error(), "the model vendor failed; the tools still answer directly at "
                    + "POST /api/v1/db/{tool}", call.traceId(), Map.of("model", model.settings().toString()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("agent", named == null ? null : named.id);
        result.put("model", model.settings().toString());
        result.put("text", a.text());
        return ApiResponse.ok(call.traceId(), result);
    }

    private Map<String, Object> databases() {
        Inventory inv = helpdesk.inventory();
        List<Map<String, Object>> dbs = inv.dbServers().values().stream().map(db -> InventoryView.of(inv, db)).toList();
        return Map.of("databases", dbs, "count", dbs.size());
    }

    private Map<String, Object> infrastructure() {
        Inventory inv = helpdesk.inventory();
        Map<String, Object> out = new LinkedHashMap<>(InventoryView.of(inv));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("databases", inv.dbServers().size());
        summary.put("k8s_clusters", inv.k8sClusters().size());
        summary.put("vms", inv.vms().size());
        out.put("summary", summary);
        return out;
    }
}
