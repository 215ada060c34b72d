package io.aihelpdesk.server.gateway;

import io.aihelpdesk.server.Version;
import io.aihelpdesk.tools.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's OpenAPI 3.1 document, generated from the routes it dispatches on and the catalog:
 * a family route ({@code /api/v1/db/{tool}}) becomes one path per tool whose request body is that
 * tool's input schema, so clients can be generated from it.
 */
final class OpenApi {
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");

    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes, Catalog catalog) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            if (r.family() != null) {
                for (String tool : r.family().tools(catalog)) {
                    operation(paths, r.template().replace("{tool}", tool), r.method(),
                            operation(r, r.operationId() + "_" + tool, tool + ": " + firstSentence(catalog, tool), catalog, tool));
                }
            } else {
                operation(paths, r.template(), r.method(), operation(r, r.operationId(), r.summary(), catalog, r.tool()));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "aiHelpDesk REST gateway", "version", Version.current(),
                "description", "Governed PostgreSQL and Kubernetes diagnostics over HTTP. Every tool call goes through the "
                        + "same policy, approval and audit pipeline as MCP calls. Outcomes: 200 succeeded, 202 waiting for "
                        + "approval, 400 invalid, 403 denied by policy, 502 the target failed."));
        doc.put("paths", paths);
        doc.put("components", components());
        doc.put("security", List.of(Map.of("bearer", List.of()), Map.of()));
        return doc;
    }

    private static void operation(Map<String, Object> paths, String path, String method, Map<String, Object> op) {
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new LinkedHashMap<>());
        item.put(method.toLowerCase(java.util.Locale.ROOT), op);
    }

    private static Map<String, Object> operation(Route r, String id, String summary, Catalog catalog, String tool) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", id);
        op.put("summary", summary);
        List<Map<String, Object>> parameters = new ArrayList<>();
        parameters.add(Map.of("name", ApiResponse.TRACE_HEADER, "in", "header", "required", false,
                "description", "Trace id to use for this request (echoed; generated when absent)", "schema", Map.of("type", "string")));
        Matcher m = VARIABLE.matcher(r.family() != null ? r.template().replace("{tool}", "") : r.template());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        op.put("parameters", parameters);
        if (tool != null && "POST".equals(r.method())) {
            op.put("requestBody", Map.of("required", false, "content",
                    Map.of("application/json", Map.of("schema", catalog.inputSchema(tool)))));
        } else if ("POST".equals(r.method())) {
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", Map.of(
                    "type", "object", "required", List.of("message"),
                    "properties", Map.of("agent", Map.of("type", "string"), "message", Map.of("type", "string")))))));
        }
        op.put("responses", responses(r, tool == null ? null : catalog.outputSchema(tool)));
        return op;
    }

    private static Map<String, Object> responses(Route r, Map<String, Object> output) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> success = output == null ? ref("Success") : Map.of("allOf", List.of(ref("Success"),
                Map.of("properties", Map.of("result", output))));
        out.put("200", response("Succeeded", success));
        if (r.governed()) {
            out.put("202", response("Waiting for a human approval; nothing ran yet", ref("Success")));
            out.put("400", response("Invalid arguments or unknown tool", ref("Error")));
            out.put("403", response("Denied by policy, or a forbidden Host/Origin", ref("Error")));
            out.put("502", response("The tool ran and its target failed; the error says why and what to do", ref("Error")));
        } else if (r.operationId().equals("query")) {
            out.put("400", response("Missing message or unknown agent", ref("Error")));
            out.put("502", response("The model vendor failed (key, quota, timeout); one line says what to do", ref("Error")));
            out.put("503", response("No language model is configured", ref("Error")));
        }
        out.put("401", response("Authentication required (when the server has API keys or JWT configured)", ref("Error")));
        return out;
    }

    private static Map<String, Object> response(String description, Map<String, Object> schema) {
        return Map.of("description", description, "content", Map.of("application/json", Map.of("schema", schema)));
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static String firstSentence(Catalog catalog, String tool) {
        String d = catalog.find(tool).map(t -> t.description()).orElse("");
        int dot = d.indexOf(". ");
        return dot < 0 ? d : d.substring(0, dot + 1);
    }

    private static Map<String, Object> components() {
        Map<String, Object> success = Map.of("type", "object", "required", List.of("status", "trace_id"), "properties", Map.of(
                "status", Map.of("enum", List.of("succeeded", "pending_approval")),
                "trace_id", Map.of("type", "string"),
                "tool", Map.of("type", "string"),
                "duration_ms", Map.of("type", "integer"),
                "target", Map.of("type", "string"),
                "approval_id", Map.of("type", "string"),
                "text", Map.of("type", "string", "description", "What a person reads; the same text MCP clients get"),
                "result", Map.of()));
        Map<String, Object> error = Map.of("type", "object", "required", List.of("error"), "properties", Map.of("error", Map.of(
                "type", "object", "required", List.of("code", "message", "hint", "trace_id"), "properties", Map.of(
                        "code", Map.of("type", "string", "description", "Stable, snake_case"),
                        "message", Map.of("type", "string", "description", "What happened, and why"),
                        "hint", Map.of("type", "string", "description", "What to do"),
                        "trace_id", Map.of("type", "string")),
                "additionalProperties", true)));
        return Map.of("schemas", Map.of("Success", success, "Error", error),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                        "description", "An API key from the users file, or a JWT from the configured identity provider")));
    }
}
