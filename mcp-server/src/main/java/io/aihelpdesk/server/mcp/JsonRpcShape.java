package io.aihelpdesk.server.mcp;

import io.aihelpdesk.tools.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a JSON-RPC 2.0 message must look like before the MCP SDK sees it. The SDK answers some
 * malformed messages with a 500 carrying a Java stack trace (HTTP), and over stdio one malformed
 * line (e.g. a batch array) ends its inbound processing for good; both doors check here first.
 */
public final class JsonRpcShape {
    /** JSON-RPC error codes. */
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;

    private JsonRpcShape() {
    }

    /** What makes the body not one JSON-RPC 2.0 message, or null when it is one. */
    public static String problem(JsonNode tree) {
        if (tree != null && tree.isArray()) {
            return "JSON-RPC batches are not supported (MCP removed them in protocol version 2025-06-18); send one message at a time";
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            return "a JSON-RPC message is an object";
        }
        return envelope(tree);
    }

    private static String envelope(JsonNode m) {
        if (!"2.0".equals(m.path("jsonrpc").asString(null))) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        JsonNode id = m.get("id");
        boolean validId = id == null || id.isString() || id.isIntegralNumber();
        if (m.has("method")) {
            if (!m.get("method").isString() || m.get("method").asString().isEmpty()) {
                return "\"method\" must be a non-empty string";
            }
            if (!validId) {
                return "\"id\" must be a string or an integer";
            }
            JsonNode params = m.get("params");
            return params == null || params.isObject() || params.isArray() ? null : "\"params\" must be an object or an array";
        }
        if (m.has("result") || m.has("error")) {
            return id != null && validId ? null : "a response needs a string or integer \"id\"";
        }
        return "a message needs \"method\" (request or notification) or \"result\"/\"error\" (response)";
    }

    /** A JSON-RPC error response, one line of JSON. */
    public static String error(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        return Json.write(body);
    }
}
