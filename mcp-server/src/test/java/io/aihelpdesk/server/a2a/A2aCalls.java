package io.aihelpdesk.server.a2a;

import io.aihelpdesk.tools.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A2A JSON-RPC as hand-written JSON over the JDK HTTP client — nothing of the bridge between the
 * test and the server — in the 0.3 ({@code message/send}, {@code kind}) or 1.0 ({@code SendMessage}) shape.
 */
public final class A2aCalls {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, String> headers;
    private final boolean v03;

    public A2aCalls(int port, boolean v03, Map<String, String> headers) {
        this.base = "http://127.0.0.1:" + port;
        this.v03 = v03;
        this.headers = headers;
    }

    public HttpResponse<String> raw(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> card(String path) throws Exception {
        return Json.mapper().readValue(raw("GET", path, null).body(), Map.class);
    }

    /** One part: a String is a text part, a Map a data part. */
    private Map<String, Object> part(Object p) {
        Map<String, Object> part = new LinkedHashMap<>();
        if (v03) {
            part.put("kind", p instanceof String ? "text" : "data");
        }
        part.put(p instanceof String ? "text" : "data", p);
        return part;
    }

    public Map<String, Object> message(String trace, Object... parts) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v03) {
            m.put("kind", "message");
        }
        m.put("messageId", UUID.randomUUID().toString());
        m.put("role", v03 ? "user" : "ROLE_USER");
        List<Map<String, Object>> ps = new ArrayList<>();
        for (Object p : parts) {
            ps.add(part(p));
        }
        m.put("parts", ps);
        if (trace != null) {
            m.put("metadata", Map.of("trace_id", trace));
        }
        return m;
    }

    /** The JSON-RPC response of {@code message/send} / {@code SendMessage}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> send(String agent, String trace, Object... parts) throws Exception {
        String body = Json.write(Map.of("jsonrpc", "2.0", "id", 1, "method", v03 ? "message/send" : "SendMessage",
                "params", Map.of("message", message(trace, parts))));
        return Json.mapper().readValue(raw("POST", "/a2a/" + agent, body).body(), Map.class);
    }

    /** The task of a successful send, in either shape. */
    public Task task(String agent, String trace, Object... parts) throws Exception {
        Map<String, Object> r = send(agent, trace, parts);
        if (r.containsKey("error")) {
            throw new AssertionError("the send failed: " + r.get("error"));
        }
        Map<String, Object> result = map(r.get("result"));
        return new Task(v03 ? result : map(result.get("task")));
    }

    public static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return Map.of("tool", tool, "arguments", arguments);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /** A task as the server rendered it. */
    public record Task(Map<String, Object> json) {
        public String state() {
            return map(json.get("status")).get("state").toString();
        }

        /** The status message's first (text) part: the outcome's text for anything but success. */
        public String statusText() {
            return list(map(map(json.get("status")).get("message")).get("parts")).get(0).get("text").toString();
        }

        /** The first artifact's data part. */
        public Map<String, Object> data() {
            return map(list(list(json.get("artifacts")).get(0).get("parts")).get(0).get("data"));
        }

        /** The first artifact's text part (for a tool its outcome text; for a question the answer). */
        public String text() {
            List<Map<String, Object>> parts = list(list(json.get("artifacts")).get(0).get("parts"));
            return parts.get(parts.size() - 1).get("text").toString();
        }

        public Map<String, Object> metadata() {
            return map(json.get("metadata"));
        }
    }
}
