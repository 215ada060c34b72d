package io.aihelpdesk.server.gateway;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes that run tools — every one through {@link Pipeline#run(Invocation)} with door
 * {@code rest} — and the catalog as the gateway lists it. No LLM is involved in any of them.
 */
final class ToolRoutes {
    static final String DOOR = "rest";
    private final Pipeline pipeline;
    private final List<Route> routes;

    ToolRoutes(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.routes = List.of(
                new Route("POST", "/api/v1/db/{tool}", "db_tool", "Run one database tool (governed, audited; no LLM).",
                        Family.DATABASE, null, call -> family(Family.DATABASE, call)),
                new Route("POST", "/api/v1/k8s/{tool}", "k8s_tool", "Run one Kubernetes tool (governed, audited; no LLM).",
                        Family.KUBERNETES, null, call -> family(Family.KUBERNETES, call)),
                new Route("POST", "/api/v1/diagnose", "diagnose", "Triage a database (and its pods): findings by severity with next steps.",
                        null, "diagnose", call -> run("diagnose", call.body(), call)),
                new Route("POST", "/api/v1/incidents", "create_incident", "Collect an incident bundle (create_incident_bundle).",
                        null, "create_incident_bundle", call -> run("create_incident_bundle", call.body(), call)),
                new Route("GET", "/api/v1/incidents", "list_incidents", "List the incident bundles written so far (list_incidents).",
                        null, "list_incidents", call -> run("list_incidents", Map.copyOf(call.query()), call)),
                new Route("GET", "/api/v1/incidents/{incident_id}", "get_incident",
                        "Read one incident bundle's manifest and summary, or one file of it with ?file= (get_incident).",
                        null, "get_incident", call -> run("get_incident", incident(call), call)),
                new Route("GET", "/api/v1/tools", "list_tools", "The tool catalog: name, family, effect, route and input schema.",
                        null, null, call -> ApiResponse.ok(call.traceId(), Map.of("tools",
                                pipeline.catalog().all().stream().map(t -> describe(t, false)).toList(),
                                "count", pipeline.catalog().all().size()))),
                new Route("GET", "/api/v1/tools/{name}", "get_tool", "One tool with its input and output schemas.",
                        null, null, this::tool));
    }

    List<Route> routes() {
        return routes;
    }

    private static Map<String, Object> incident(Call call) {
        Map<String, Object> args = new LinkedHashMap<>(call.query());
        args.put("incident_id", call.path().get("incident_id"));
        return args;
    }

    private ApiResponse family(Family family, Call call) {
        String name = call.path().get("tool");
        Catalog catalog = pipeline.catalog();
        Optional<ToolDefinition<?, ?>> tool = catalog.find(name);
        if (tool.isEmpty()) {
            List<String> similar = catalog.similar(name).stream().filter(n -> family.tools(catalog).contains(n)).toList();
            return unknown(family, name, call.traceId(), similar.isEmpty() ? "" : "did you mean " + String.join(" or ", similar) + "? ");
        }
        Family actual = Family.of(tool.get());
        if (actual != family) {
            return ApiResponse.error(400, "wrong_family", name + " is a " + actual.label() + " tool, not a " + family.label() + " tool",
                    "call it as " + route(tool.get()), call.traceId(),
                    Map.of("tool", name, "family", actual.label(), "route", route(tool.get()), "valid_tools", family.tools(catalog)));
        }
        return run(name, call.body(), call);
    }

    private ApiResponse unknown(Family family, String name, String trace, String suggestion) {
        List<String> valid = family == null ? pipeline.catalog().all().stream().map(ToolDefinition::name).toList()
                : family.tools(pipeline.catalog());
        return ApiResponse.error(400, "unknown_tool", "unknown " + (family == null ? "" : family.label() + " ") + "tool '" + name + "'",
                suggestion + "valid tools: " + String.join(", ", valid), trace, Map.of("tool", name, "valid_tools", valid));
    }

    private ApiResponse run(String tool, Map<String, Object> arguments, Call call) {
        return ApiResponse.of(pipeline.run(new Invocation(tool, arguments, call.caller(), call.traceId(), DOOR)));
    }

    private ApiResponse tool(Call call) {
        String name = call.path().get("name");
        return pipeline.catalog().find(name).map(t -> ApiResponse.ok(call.traceId(), describe(t, true)))
                .orElseGet(() -> unknown(null, name, call.traceId(), ""));
    }

    private Map<String, Object> describe(ToolDefinition<?, ?> t, boolean full) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("description", t.description());
        out.put("family", Family.of(t).label());
        out.put("effect", t.effect().name().toLowerCase(java.util.Locale.ROOT));
        out.put("read_only", t.effect() == Effect.READ);
        out.put("route", route(t));
        out.put("input_schema", pipeline.catalog().inputSchema(t.name()));
        if (full) {
            out.put("output_schema", pipeline.catalog().outputSchema(t.name()));
        }
        return out;
    }

    /** Where the gateway runs this tool ("POST /api/v1/db/get_lock_info"), or null when it is reachable over MCP only. */
    String route(ToolDefinition<?, ?> t) {
        for (Route r : routes) {
            if (t.name().equals(r.tool())) {
                return r.method() + " " + r.template();
            }
            if (r.family() != null && r.family() == Family.of(t)) {
                return r.method() + " " + r.template().replace("{tool}", t.name());
            }
        }
        return null;
    }
}
