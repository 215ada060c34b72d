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
import java.util.Set;

/**
 * The routes that describe the server rather than run a tool: health, the agents (tool families),
 * the inventory without secrets, and {@code /query}, which needs a language model.
 */
final class Directory {
    /** Agent names {@code /query} accepts, as the original's gateway did. */
    private static final Map<String, Family> AGENTS = Map.of("database", Family.DATABASE, "db", Family.DATABASE,
            "k8s", Family.KUBERNETES, "kubernetes", Family.KUBERNETES, "incident", Family.INCIDENT);
    private final Helpdesk helpdesk;

    Directory(Helpdesk helpdesk) {
        this.helpdesk = helpdesk;
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
        if (agent != null && !AGENTS.containsKey(agent.toString())) {
            return ApiResponse.error(400, "unknown_agent", "unknown agent '" + agent + "'",
                    "agents: " + String.join(", ", Set.copyOf(AGENTS.keySet()).stream().sorted().toList()), call.traceId(),
                    Map.of("valid_agents", AGENTS.keySet().stream().sorted().toList()));
        }
        String vendor = System.getenv("HELPDESK_MODEL_VENDOR");
        String message503 = vendor == null || vendor.isBlank()
                ? "no language model is configured: /api/v1/query routes a question to an agent through an LLM"
                : "HELPDESK_MODEL_VENDOR=" + vendor + " is set, but the REST gateway does not route questions through a model yet";
        return ApiResponse.error(503, "no_model", message503,
                "a model is configured with HELPDESK_MODEL_VENDOR (anthropic, openai or ollama), HELPDESK_API_KEY and optionally HELPDESK_MODEL_NAME "
                        + "(used by `helpdesk chat`); without one, POST /api/v1/diagnose triages a database and POST /api/v1/db/{tool} "
                        + "or /api/v1/k8s/{tool} run the tools directly",
                call.traceId(), Map.of());
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
