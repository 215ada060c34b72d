package io.aihelpdesk.orchestrator;

import io.aihelpdesk.tools.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The chat's MCP client session with an aiHelpDesk server — this process's own (in-process
 * transport) or a remote {@code helpdesk serve} ({@code --server URL}). Every tool the chat runs goes
 * through it, so it is governed and audited by the server exactly as any other client's call, as the
 * identity the session was opened with; the question's trace id travels in the call's {@code _meta}.
 */
public final class McpConnection implements AutoCloseable {
    /** Tool {@code _meta} key with the tool's capability package, as the server publishes it. */
    static final String CAPABILITY = "io.aihelpdesk/capability";
    /** Tool {@code _meta} key of a remote agent's tool: the domain agent of ours it replaces, as the server publishes it. */
    static final String REPLACES = "io.aihelpdesk/replaces";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final McpSyncClient client;
    private final String where;
    private volatile List<McpSchema.Tool> tools;

    /** The outcome of one call as the chat shows it: whether it succeeded, the text every door shows, and its data. */
    public record Reply(boolean ok, String text, Map<String, Object> data) {
    }

    private McpConnection(McpSyncClient client, String where) {
        this.client = client;
        this.where = where;
    }

    /**
     * Opens and initialises a session over {@code transport}.
     *
     * @param where how the banner names the server ("in-process", a URL)
     */
    public static McpConnection open(McpClientTransport transport, String where) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT)
                .clientInfo(new McpSchema.Implementation("aihelpdesk-chat", "1")).build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw new IllegalStateException("cannot open an MCP session with " + where + ": " + e.getMessage(), e);
        }
        return new McpConnection(client, where);
    }

    /**
     * A session with a remote server's Streamable HTTP endpoint ({@code <url>/mcp}).
     *
     * @param apiKey the API key to present as {@code Authorization: Bearer}, or null when the server needs none
     */
    public static McpConnection remote(String url, String apiKey) {
        URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
            throw new IllegalArgumentException("--server " + url + " is not an http(s) URL of a helpdesk serve (e.g. http://127.0.0.1:8080)");
        }
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint("/mcp").connectTimeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            transport.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + apiKey));
        }
        return open(transport.build(), base.toString());
    }

    /** Where the server is: "in-process" or its URL. */
    public String where() {
        return where;
    }

    /** The server's tools as its {@code tools/list} gives them (all pages), fetched once. */
    public List<McpSchema.Tool> tools() {
        List<McpSchema.Tool> known = tools;
        if (known == null) {
            List<McpSchema.Tool> all = new ArrayList<>();
            String cursor = null;
            do {
                McpSchema.ListToolsResult page = client.listTools(cursor);
                all.addAll(page.tools());
                cursor = page.nextCursor();
            } while (cursor != null);
            known = List.copyOf(all);
            tools = known;
        }
        return known;
    }

    /** Runs one tool under {@code traceId}; a denial, failure or invalid call comes back as a reply that is not ok. */
    public Reply call(String tool, Map<String, Object> arguments, String traceId) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments,
                traceId == null ? Map.of() : Map.of("trace_id", traceId)));
        String text = r.content().stream().filter(c -> c instanceof McpSchema.TextContent).map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining("\n"));
        Map<String, Object> data = r.structuredContent() instanceof Map<?, ?> m ? Json.mapper().convertValue(m, Map.class) : Map.of();
        return new Reply(!Boolean.TRUE.equals(r.isError()), text, data);
    }

    /** The databases of the server's inventory ({@code helpdesk://inventory}; no secrets). */
    @SuppressWarnings("unchecked")
    public List<Database> databases() {
        McpSchema.ReadResourceResult r = client.readResource(new McpSchema.ReadResourceRequest("helpdesk://inventory"));
        String json = r.contents().stream().filter(c -> c instanceof McpSchema.TextResourceContents)
                .map(c -> ((McpSchema.TextResourceContents) c).text()).findFirst().orElse("{}");
        return Database.fromInventory(Json.mapper().readValue(json, Map.class));
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
