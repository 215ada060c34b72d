package io.aihelpdesk.server.gateway;

import io.aihelpdesk.tools.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A tiny JSON-over-HTTP client for the gateway tests (JDK HttpClient, nothing of ours in between). */
final class Rest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, String> headers;

    Rest(int port, Map<String, String> headers) {
        this.base = "http://127.0.0.1:" + port;
        this.headers = headers;
    }

    Rest(int port) {
        this(port, Map.of());
    }

    Rest with(String header, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(header, value);
        return new Rest(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), h);
    }

    Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    Reply post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return new Reply(CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A response with its body parsed. */
    record Reply(HttpResponse<String> http) {
        int status() {
            return http.statusCode();
        }

        String header(String name) {
            return http.headers().firstValue(name).orElse(null);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return Json.mapper().readValue(http.body(), Map.class);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) json().get("error");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> result() {
            return (Map<String, Object>) json().get("result");
        }
    }
}
