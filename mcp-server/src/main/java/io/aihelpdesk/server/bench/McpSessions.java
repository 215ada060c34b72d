package io.aihelpdesk.server.bench;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** MCP client sessions (the MCP Java SDK's client) against our server, and one checked tool call. */
public final class McpSessions {
    private McpSessions() {
    }

    /** An initialized Streamable HTTP session to {@code http://127.0.0.1:<port>/mcp}. */
    public static McpSyncClient http(int port) {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    /** An initialized stdio session to a spawned {@code helpdesk mcp <args>} ({@link ChildProcess#command}). */
    public static McpSyncClient stdio(List<String> mcpArgs) {
        List<String> cmd = ChildProcess.command(prepend("mcp", mcpArgs));
        McpSyncClient c = McpClient.sync(new StdioClientTransport(ServerParameters.builder(cmd.get(0))
                        .args(cmd.subList(1, cmd.size()).toArray(String[]::new)).build(), McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** Calls {@code tool}; a result flagged isError is an exception naming its text. */
    public static void call(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException(tool + " failed: " + r.content());
        }
    }
}
