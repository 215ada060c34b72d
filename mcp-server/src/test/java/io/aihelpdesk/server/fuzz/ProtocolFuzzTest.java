package io.aihelpdesk.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malformed JSON-RPC against the HTTP doors (MCP Streamable HTTP at {@code /mcp}, the
 * legacy SSE message endpoint, the REST gateway): every request gets a well-formed HTTP answer
 * within a bound — never a 5xx, never a hang — and after every try the server still serves a
 * real client. Inputs: arbitrary text, JSON of the wrong shape, JSON-RPC with wrong types and
 * unknown methods, calls before initialize, batches, deep nesting and multi-megabyte payloads.
 */
class ProtocolFuzzTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static HttpServer http;

    @BeforeContainer
    static void start() throws Exception {
        http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0);
    }

    @AfterContainer
    static void stop() throws Exception {
        http.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + http.port();
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<Object> ids = Arbitraries.oneOf(Arbitraries.integers().map(i -> (Object) i), Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.just(Map.of("x", 1)), Arbitraries.just(java.util.List.of()), Arbitraries.just(true));
        Arbitrary<String> methods = Arbitraries.oneOf(Arbitraries.of("initialize", "tools/list", "tools/call", "resources/read", "prompts/get",
                "ping", "notifications/initialized", "", "tools/call/../../x"), Arbitraries.strings().ofMaxLength(30));
        Arbitrary<Object> params = Arbitraries.oneOf(Arbitraries.just(Map.of()), Arbitraries.just(Map.of("name", 42)),
                Arbitraries.just(Map.of("name", "check_connection", "arguments", "not an object")),
                Arbitraries.just(Map.of("name", "check_connection", "arguments", Map.of("connection_string", java.util.List.of(1, 2)))),
                Arbitraries.just(Map.of("name", "no_such_tool", "arguments", Map.of())), Arbitraries.just(Map.of("uri", "helpdesk://../../etc/passwd")),
                Arbitraries.just(Map.of("protocolVersion", 7, "capabilities", "x")), Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i));
        Arbitrary<String> rpc = net.jqwik.api.Combinators.combine(ids, methods, params, Arbitraries.of("2.0", "1.0", "")).as((id, m, p, v) -> {
            Map<String, Object> msg = new java.util.LinkedHashMap<>();
            msg.put("jsonrpc", v);
            msg.put("id", id);
            msg.put("method", m);
            msg.put("params", p);
            return Json.write(msg);
        });
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                rpc,
                rpc.map(r -> "[" + r + "," + r + "]"),
                rpc.map(r -> r.substring(0, r.length() / 2)),
                Arbitraries.of("null", "[]", "{}", "\"x\"", "12", "{\"jsonrpc\":\"2.0\"}", "{\"jsonrpc\":\"2.0\",\"id\":1}",
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}", "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":9}"),
                Arbitraries.integers().between(2_000, 50_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 6).map(mb -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                        + "x".repeat(mb << 20) + "\"}}"));
    }

    @Property(tries = 150)
    void mcp_streamable_http_answers_every_message_without_5xx_and_keeps_serving(@ForAll("messages") String body) throws Exception {
        HttpResponse<String> r = post("/mcp", body, Map.of("Accept", "application/json, text/event-stream"));
        assertThat(r.statusCode()).as("status for " + abbreviate(body) + ": " + abbreviate(r.body())).isBetween(200, 499);
        assertThat(r.body()).as("no stack traces in answers").doesNotContain("\tat ", "Exception:");
        assertServing();
    }

    @Property(tries = 60)
    void the_rest_gateway_answers_every_body_in_its_error_shape(@ForAll("messages") String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/db/check_connection", body, Map.of());
        assertThat(r.statusCode()).as("status for " + abbreviate(body)).isIn(200, 400, 413, 502);
        if (r.statusCode() != 200) {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) Json.mapper().readValue(r.body(), Map.class).get("error");
            assertThat(error).as(r.body()).containsKeys("code", "message");
        }
        assertServing();
    }

    @Property(tries = 40)
    void legacy_sse_message_posts_without_a_session_are_refused_cleanly(@ForAll("messages") String body) throws Exception {
        HttpResponse<String> r = post("/message?sessionId=" + java.util.UUID.randomUUID(), body, Map.of());
        assertThat(r.statusCode()).as("status for " + abbreviate(body)).isBetween(400, 499);
        assertThat(r.body()).as("no stack traces in answers").doesNotContain("\tat ", "Exception:");
        assertServing();
    }

    /**
     * The answer; for a body over the server's 4 MiB limit the server answers 413 without reading the
     * rest, and may close the connection while the client is still sending — then a synthetic 413.
     */
    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(BOUND)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            if (body.length() <= 4 << 20 || e instanceof java.net.http.HttpTimeoutException) {
                throw e;
            }
            return new Closed(413);
        }
    }

    /** A connection the server closed after refusing an oversized body. */
    private record Closed(int statusCode) implements HttpResponse<String> {
        public HttpRequest request() {
            return null;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public String body() {
            return "{\"error\":{\"code\":\"closed\",\"message\":\"connection closed after an oversized body\"}}";
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return null;
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    /** Health answers, and a real MCP client can still initialize and call a tool. */
    private static void assertServing() throws Exception {
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(BOUND).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @net.jqwik.api.Example
    void after_the_fuzzing_a_real_client_still_runs_a_tool() {
        try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("check_connection", Map.of("connection_string", "demo")));
            assertThat(r.isError()).isFalse();
        }
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 160 ? s.substring(0, 160) + "… (" + s.length() + " chars)" : s;
    }
}
