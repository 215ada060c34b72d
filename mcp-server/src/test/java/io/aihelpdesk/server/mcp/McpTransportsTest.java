package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.http.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same calls over stdio (a child process), Streamable HTTP and SSE give the same outcomes. */
class McpTransportsTest {
    private static DemoFixture demo;
    private static HttpServer http;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoFixture.get();
        http = HttpServer.start(demo.helpdesk, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
    }

    static Stream<String> transports() {
        return Stream.of("stdio", "streamable-http", "sse");
    }

    private static McpClientTransport transport(String kind) {
        String base = "http://127.0.0.1:" + http.port();
        return switch (kind) {
            case "stdio" -> new StdioClientTransport(ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                    .args("-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main", "mcp",
                            "--inventory", demo.inventory.toString(), "--audit-db", demo.inventory.resolveSibling("stdio-audit.db").toString())
                    .build(), McpJsonDefaults.getMapper());
            case "streamable-http" -> HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build();
            default -> HttpClientSseClientTransport.builder(base).sseEndpoint("/sse").build();
        };
    }

    @ParameterizedTest
    @MethodSource("transports")
    void lists_tools_and_runs_them_with_structured_results(String kind) {
        try (McpSyncClient client = McpClient.sync(transport(kind)).requestTimeout(Duration.ofSeconds(60)).build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("aihelpdesk");
            assertThat(init.instructions()).contains("check_connection", "demo");

            McpSchema.ListToolsResult tools = client.listTools();
            assertThat(tools.tools()).extracting(McpSchema.Tool::name).contains("check_connection", "get_lock_info");
            McpSchema.Tool check = tools.tools().stream().filter(t -> t.name().equals("check_connection")).findFirst().orElseThrow();
            assertThat(check.annotations().readOnlyHint()).isTrue();
            assertThat(check.outputSchema()).containsKey("properties");

            McpSchema.CallToolResult ok = client.callTool(new McpSchema.CallToolRequest("check_connection", Map.of("connection_string", "demo")));
            assertThat(ok.isError()).isFalse();
            assertThat(((Map<?, ?>) ok.structuredContent()).get("database")).isEqualTo("shop");
            assertThat(((McpSchema.TextContent) ok.content().get(0)).text()).startsWith("Connection successful: shop");

            McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("check_connection", Map.of("bogus", 1)));
            assertThat(bad.isError()).isTrue();
            assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).contains("bogus: is not a parameter of this tool");

            McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("check_connection",
                    Map.of("connection_string", "host=evil.example dbname=x user=y password=topsecret")));
            assertThat(refused.isError()).isTrue();
            assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).contains("target_not_registered").doesNotContain("topsecret");

            McpSchema.ReadResourceResult inventory = client.readResource(new McpSchema.ReadResourceRequest("helpdesk://inventory"));
            assertThat(((McpSchema.TextResourceContents) inventory.contents().get(0)).text()).contains("\"id\" : \"demo\"");
        }
    }

    @Test
    void rejects_requests_whose_host_header_is_not_loopback() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}";
        assertThat(rawPost("evil.example:" + http.port(), null, body)).matches("HTTP/1.1 4(03|21).*");
        assertThat(rawPost("127.0.0.1:" + http.port(), "http://evil.example", body)).matches("HTTP/1.1 403.*");
        assertThat(rawPost("localhost:" + http.port(), "http://localhost:3000", body)).startsWith("HTTP/1.1 200");
    }

    private static String rawPost(String host, String origin, String body) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            String req = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
                    + payload.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(req.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("");
        }
    }
}
