package io.aihelpdesk.server.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A model vendor's HTTP API replayed on a local port: the n-th request gets the n-th scripted
 * (status, body) — JSON, or Server-Sent Events when the body starts with {@code event:} or {@code data:}; every
 * request's path, body and headers are kept for assertions.
 */
final class VendorReplay implements AutoCloseable {
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private VendorReplay(List<Map.Entry<Integer, String>> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", (HttpExchange x) -> {
            paths.add(x.getRequestURI().getPath());
            headers.add(Map.copyOf(x.getRequestHeaders()));
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map.Entry<Integer, String> r = script.get(Math.min(bodies.size(), script.size()) - 1);
            byte[] body = r.getValue().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", r.getValue().startsWith("event:") || r.getValue().startsWith("data:") ? "text/event-stream" : "application/json");
            x.getResponseHeaders().add("retry-after-ms", "10");
            x.sendResponseHeaders(r.getKey(), body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @SafeVarargs
    static VendorReplay of(Map.Entry<Integer, String>... script) throws IOException {
        return new VendorReplay(List.of(script));
    }

    static Map.Entry<Integer, String> ok(String json) {
        return Map.entry(200, json);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String header(int request, String name) {
        return headers.get(request).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
