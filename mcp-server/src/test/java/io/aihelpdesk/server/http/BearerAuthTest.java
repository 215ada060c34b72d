package io.aihelpdesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.server.DemoFixture;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With API keys configured, HTTP callers authenticate as the MCP authorization spec describes. */
class BearerAuthTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}";
    private static HttpServer http;
    private static String key;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        String[] k = ApiKeys.newKey();
        key = k[0];
        ApiKeys keys = ApiKeys.parse("users:\n  - id: alice\n    roles: [dba]\n    api_key_sha256: " + k[1] + "\n",
                "users.yaml", Map.<String, String>of()::get);
        http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0, keys);
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
    }

    private static HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INIT));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missing_token_is_401_pointing_at_resource_metadata() throws Exception {
        HttpResponse<String> r = post(null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer ").contains("resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\""));
    }

    @Test
    void unknown_token_is_401_invalid_token() throws Exception {
        HttpResponse<String> r = post("Bearer hd_not-a-real-key");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
        assertThat(r.body()).doesNotContain("hd_not-a-real-key");
    }

    @Test
    void publishes_protected_resource_metadata() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/.well-known/oauth-protected-resource")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"resource\":\"" + base + "/mcp\"", "\"bearer_methods_supported\":[\"header\"]");
    }

    @Test
    void valid_key_reaches_the_tools() {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + key))
                .build();
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("check_connection", Map.of("connection_string", "demo")));
            assertThat(r.isError()).isFalse();
        }
    }
}
