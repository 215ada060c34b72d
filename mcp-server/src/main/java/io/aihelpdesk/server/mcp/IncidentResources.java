package io.aihelpdesk.server.mcp;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incident bundles as MCP resources: {@code helpdesk://incidents} (the list),
 * {@code helpdesk://incidents/{id}} (manifest and summary) and {@code helpdesk://incidents/{id}/{path}}
 * (one file, e.g. {@code .../database/get_lock_info.txt}). Reads run {@code list_incidents} and
 * {@code get_incident} through the pipeline, so they are governed and audited like tool calls.
 */
final class IncidentResources {
    static final String LIST = "helpdesk://incidents";
    private static final String PREFIX = LIST + "/";

    private IncidentResources() {
    }

    static SyncResourceSpecification list(Pipeline pipeline, String door, Caller defaultCaller) {
        McpSchema.Resource resource = McpSchema.Resource.builder().uri(LIST).name("incidents").mimeType("application/json")
                .description("Incident bundles written by create_incident_bundle, newest first.").build();
        return new SyncResourceSpecification(resource, (exchange, request) -> {
            Outcome.Succeeded s = run(pipeline, exchange, defaultCaller, door, request.uri(), "list_incidents", Map.of());
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(request.uri(),
                    "application/json", Json.writePretty(s.data()))));
        });
    }

    /** One template per path depth: the URI template matcher does not let a variable span a slash. */
    static List<SyncResourceTemplateSpecification> templates(Pipeline pipeline, String door, Caller defaultCaller) {
        return List.of(
                template(pipeline, door, defaultCaller, "{id}", "incident",
                        "One incident bundle: manifest.json (files with SHA-256, errors, what was cut) and summary.md."),
                template(pipeline, door, defaultCaller, "{id}/{file}", "incident-file",
                        "A top-level file of an incident bundle: manifest.json, summary.md or errors.txt."),
                template(pipeline, door, defaultCaller, "{id}/{layer}/{file}", "incident-layer-file",
                        "One collected file of an incident bundle, e.g. database/get_lock_info.txt or os/top.txt."));
    }

    private static SyncResourceTemplateSpecification template(Pipeline pipeline, String door, Caller defaultCaller,
                                                               String suffix, String name, String description) {
        McpSchema.ResourceTemplate t = McpSchema.ResourceTemplate.builder().uriTemplate(PREFIX + suffix).name(name)
                .description(description).build();
        return new SyncResourceTemplateSpecification(t, (exchange, request) -> read(pipeline, exchange, defaultCaller, door, request.uri()));
    }

    private static McpSchema.ReadResourceResult read(Pipeline pipeline, McpSyncServerExchange exchange, Caller defaultCaller,
                                                     String door, String uri) {
        String rest = uri.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("incident_id", id);
        if (slash < 0) {
            Map<String, Object> data = run(pipeline, exchange, defaultCaller, door, uri, "get_incident", args).data();
            return new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.TextResourceContents(PREFIX + id + "/manifest.json", "application/json", Json.writePretty(data.get("manifest"))),
                    new McpSchema.TextResourceContents(PREFIX + id + "/summary.md", "text/markdown", String.valueOf(data.get("summary")))));
        }
        String path = rest.substring(slash + 1);
        args.put("file", path);
        Map<String, Object> data = run(pipeline, exchange, defaultCaller, door, uri, "get_incident", args).data();
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mimeType(path),
                String.valueOf(data.get("content")))));
    }

    private static Outcome.Succeeded run(Pipeline pipeline, McpSyncServerExchange exchange, Caller defaultCaller, String door,
                                         String uri, String tool, Map<String, Object> args) {
        Outcome o = pipeline.run(new Invocation(tool, args, McpTools.caller(exchange, defaultCaller), null, door));
        if (o instanceof Outcome.Succeeded s) {
            return s;
        }
        if (o instanceof Outcome.Failed f && f.diagnosis().code().endsWith("not_found") || o instanceof Outcome.Invalid) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(o.text()).data(Map.of("uri", uri)).build();
        }
        throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(o.text()).build();
    }

    static String mimeType(String path) {
        return path.endsWith(".json") ? "application/json" : path.endsWith(".md") ? "text/markdown" : "text/plain";
    }
}
