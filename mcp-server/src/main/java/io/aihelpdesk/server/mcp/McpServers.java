package io.aihelpdesk.server.mcp;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.Version;
import io.aihelpdesk.tools.Caller;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds MCP servers over any transport from one {@link Helpdesk}: same tools, resources, prompts and instructions. */
public final class McpServers {
    /** Key under which HTTP transports put the {@link Caller} into the MCP transport context. */
    public static final String CALLER_KEY = "aihelpdesk.caller";
    /** Key for a trace id the transport found in {@code traceparent} or {@code X-Trace-ID} headers. */
    public static final String TRACE_KEY = "aihelpdesk.trace";

    private McpServers() {
    }

    /** @param caller the local user every stdio call is attributed to */
    public static McpSyncServer stdio(Helpdesk helpdesk, McpServerTransportProvider transport, Caller caller) {
        return configure(McpServer.sync(transport), helpdesk, "stdio", caller);
    }

    public static McpSyncServer streamable(Helpdesk helpdesk, McpStreamableServerTransportProvider transport) {
        return configure(McpServer.sync(transport), helpdesk, "http", Caller.anonymous("http"));
    }

    public static McpSyncServer sse(Helpdesk helpdesk, McpServerTransportProvider transport) {
        return configure(McpServer.sync(transport), helpdesk, "sse", Caller.anonymous("sse"));
    }

    static <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(
            McpServer.SyncSpecification<S> spec, Helpdesk helpdesk, String door, Caller defaultCaller) {
        return spec.serverInfo("aihelpdesk", Version.current())
                .instructions(Instructions.text(helpdesk))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).logging().build())
                .validateToolInputs(false) // our binder names every violation; see Arguments
                .requestTimeout(Duration.ofMinutes(5))
                .tools(McpTools.specifications(helpdesk.pipeline(), door, defaultCaller))
                .resources(InventoryResources.inventory(helpdesk.inventory()),
                        IncidentResources.list(helpdesk.pipeline(), door, defaultCaller))
                .resourceTemplates(templates(helpdesk, door, defaultCaller))
                .prompts(PlaybookPrompts.specifications(helpdesk.playbooks(), helpdesk.inventory(),
                        name -> helpdesk.catalog().find(name).isPresent()))
                .build();
    }

    private static List<SyncResourceTemplateSpecification> templates(Helpdesk helpdesk, String door, Caller defaultCaller) {
        List<SyncResourceTemplateSpecification> all = new ArrayList<>();
        all.add(InventoryResources.database(helpdesk.inventory()));
        all.addAll(IncidentResources.templates(helpdesk.pipeline(), door, defaultCaller));
        return all;
    }
}
