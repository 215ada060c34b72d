package io.aihelpdesk.server.mcp;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Progress;
import io.aihelpdesk.tools.ToolDefinition;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the catalog as MCP tools and translates calls to {@link Invocation}s and
 * {@link Outcome}s back to MCP results. It only translates: no tool logic lives here.
 */
final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
    /** Key under which transports put the caller into the MCP transport context. */
    static final String CALLER = McpServers.CALLER_KEY;

    /**
     * Tool {@code _meta} key naming the capability package a tool belongs to ({@code postgres},
     * {@code kubernetes}, {@code incident}, {@code triage}, …): how the chat's domain agents pick their
     * tools from {@code tools/list}.
     */
    public static final String CAPABILITY = "io.aihelpdesk/capability";

    private McpTools() {
    }

    static List<SyncToolSpecification> specifications(Pipeline pipeline, String door, Caller defaultCaller) {
        return pipeline.catalog().all().stream()
                .map(def -> SyncToolSpecification.builder()
                        .tool(tool(pipeline, def))
                        .callHandler((exchange, request) -> McpSchemaResults.of(run(pipeline, def, exchange,
                                invocation(exchange, request, door, defaultCaller), progress(exchange, request)),
                                parkable(pipeline, def) ? pipeline.approvals() : null))
                        .build())
                .toList();
    }

    private static McpSchema.Tool tool(Pipeline pipeline, ToolDefinition<?, ?> def) {
        return McpSchema.Tool.builder()
                .name(def.name())
                .description(def.description())
                .inputSchema(pipeline.catalog().inputSchema(def.name()))
                .outputSchema(parkable(pipeline, def) ? PendingApprovals.widen(pipeline.catalog().outputSchema(def.name()))
                        : pipeline.catalog().outputSchema(def.name()))
                .annotations(new McpSchema.ToolAnnotations(null, def.effect() == Effect.READ,
                        def.effect() == Effect.DESTRUCTIVE || def.effectOf() != null, def.effect() == Effect.READ, true, null))
                .meta(meta(def))
                .build();
    }

    /** The tool's capability, plus the facts its declaration publishes (e.g. which agent of ours a remote one replaces). */
    private static Map<String, Object> meta(ToolDefinition<?, ?> def) {
        Map<String, Object> meta = new java.util.LinkedHashMap<>(def.annotations());
        meta.put(CAPABILITY, capability(def));
        return meta;
    }

    private static String capability(ToolDefinition<?, ?> def) {
        if (def.target() == io.aihelpdesk.tools.TargetKind.AGENT) {
            return "a2a"; // a remote A2A agent (a2a_<agent>): every domain agent of the chat may ask it
        }
        String pkg = def.params().getPackageName();
        return pkg.startsWith("io.aihelpdesk.tools.") ? pkg.substring("io.aihelpdesk.tools.".length()).split("\\.")[0] : "other";
    }

    /** Runs the call; one that waits for approval is put to the person at the client when it can be asked. */
    private static Outcome run(Pipeline pipeline, ToolDefinition<?, ?> def, McpSyncServerExchange exchange, Invocation call,
                               Progress progress) {
        Outcome o = pipeline.run(call, progress);
        if (o instanceof Outcome.PendingApproval p && parkable(pipeline, def) && ApprovalElicitation.supported(exchange)) {
            return ApprovalElicitation.ask(exchange, pipeline, call, p, progress);
        }
        return o;
    }

    /**
     * Whether a call of this tool may come back as pending approval with structured content: in fix mode,
     * for tools that a policy governs (those with a target), whose output schema then admits that shape.
     */
    private static boolean parkable(Pipeline pipeline, ToolDefinition<?, ?> def) {
        return pipeline.mode() == OperatingMode.FIX && pipeline.approvals() != null && def.target() != TargetKind.NONE;
    }

    /**
     * MCP progress notifications for a request that carries a progress token; none otherwise. A
     * notification that cannot be sent (client gone) is dropped: progress never fails a call.
     */
    static Progress progress(McpSyncServerExchange exchange, McpSchema.Request request) {
        Object token = request.progressToken();
        if (token == null) {
            return Progress.NONE;
        }
        return (done, total, message) -> {
            try {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, done, total > 0 ? total : null, message));
            } catch (RuntimeException e) {
                LOG.debug("progress notification not delivered: {}", e.toString());
            }
        };
    }

    /** The caller the transport identified, else the door's default. */
    static Caller caller(McpSyncServerExchange exchange, Caller defaultCaller) {
        Object caller = exchange.transportContext() == null ? null : exchange.transportContext().get(CALLER);
        return caller instanceof Caller c ? c : defaultCaller;
    }

    private static Invocation invocation(McpSyncServerExchange exchange, McpSchema.CallToolRequest request, String door,
                                         Caller defaultCaller) {
        Object header = exchange.transportContext() == null ? null : exchange.transportContext().get(McpServers.TRACE_KEY);
        String trace = traceId(request.meta());
        return new Invocation(request.name(), request.arguments(), caller(exchange, defaultCaller),
                trace != null ? trace : header instanceof String h ? h : null, door);
    }

    /** Trace id from the request's {@code _meta}: W3C {@code traceparent}, else {@code trace_id}. */
    static String traceId(Map<String, Object> meta) {
        if (meta == null) {
            return null;
        }
        String fromParent = Invocation.traceIdFromTraceparent(meta.get("traceparent") instanceof String s ? s : null);
        if (fromParent != null) {
            return fromParent;
        }
        Object id = meta.get("trace_id");
        return id instanceof String s && s.matches("[A-Za-z0-9_.:-]{1,64}") ? s : null;
    }
}
