package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Raw JSON-RPC and SSE over the JDK HTTP client: nothing of the bridge's own between test and server. */
final class Rpc {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, String> headers;
    private int nextId = 1;

    Rpc(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** A user message: text parts as strings, data parts as maps, in the 0.3 or 1.0 shape. */
    static Map<String, Object> message(boolean v03, Map<String, Object> metadata, Object... parts) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v03) {
            m.put("kind", "message");
        }
        m.put("messageId", java.util.UUID.randomUUID().toString());
        m.put("role", v03 ? "user" : "ROLE_USER");
        List<Map<String, Object>> ps = new ArrayList<>();
        for (Object p : parts) {
            Map<String, Object> part = new LinkedHashMap<>();
            if (v03) {
                part.put("kind", p instanceof String ? "text" : "data");
            }
            part.put(p instanceof String ? "text" : "data", p);
            ps.add(part);
        }
        m.put("parts", ps);
        if (metadata != null) {
            m.put("metadata", metadata);
        }
        return m;
    }

    static Map<String, Object> toolCall(String tool, Map<String, Object> arguments) {
        return Map.of("tool", tool, "arguments", arguments);
    }

    HttpResponse<String> raw(String path, String method, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) throws Exception {
        return Json.mapper().readValue(raw(path, "GET", null).body(), Map.class);
    }

    /** The whole JSON-RPC response ({@code result} or {@code error}). */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String agent, String method, Map<String, Object> params) throws Exception {
        Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", nextId++, "method", method, "params", params);
        HttpResponse<String> r = raw("/a2a/" + agent, "POST", Json.write(request));
        return Json.mapper().readValue(r.body(), Map.class);
    }

    /** The {@code result} of a call that must succeed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> result(String agent, String method, Map<String, Object> params) throws Exception {
        Map<String, Object> r = call(agent, method, params);
        if (r.containsKey("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return (Map<String, Object>) r.get("result");
    }

    /** The {@code result} of every SSE event of a streaming call, in order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> stream(String agent, String method, Map<String, Object> params) throws Exception {
        Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", nextId++, "method", method, "params", params);
        HttpResponse<String> r = raw("/a2a/" + agent, "POST", Json.write(request));
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            throw new AssertionError("not an event stream: " + r.body());
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add((Map<String, Object>) Json.mapper().readValue(line.substring(6), Map.class).get("result"));
            }
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
