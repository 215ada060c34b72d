package io.aihelpdesk.server.http;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.identity.JwtSettings;
import io.aihelpdesk.governance.identity.JwtVerifier;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.gateway.RestGateway;
import io.aihelpdesk.server.mcp.McpServers;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code helpdesk serve}: MCP Streamable HTTP at {@code /mcp}, legacy SSE at {@code /sse} (+
 * {@code /message}), the audit API at {@code /v1/events} and {@code /v1/verify}, approvals at
 * {@code /v1/approvals}, the REST gateway at {@code /api/v1/*} and {@code /health}, the A2A agents at
 * {@code /a2a/*} ({@link A2aDoor}), on one port. Binds to loopback by default; Host and Origin
 * headers are checked so a web page cannot reach the server through DNS rebinding.
 */
public final class HttpServer implements AutoCloseable {
    private final Server jetty;
    private final List<McpSyncServer> mcp;
    private final RestGateway gateway;

    private HttpServer(Server jetty, List<McpSyncServer> mcp, RestGateway gateway) {
        this.jetty = jetty;
        this.mcp = mcp;
        this.gateway = gateway;
    }

    public static HttpServer start(Helpdesk helpdesk, String bind, int port) throws Exception {
        return start(helpdesk, bind, port, null, null);
    }

    public static HttpServer start(Helpdesk helpdesk, String bind, int port, ApiKeys keys) throws Exception {
        return start(helpdesk, bind, port, keys, null);
    }

    /**
     * @param keys API keys callers may present; with {@code jwt} null as well, callers are anonymous
     *             (only allowed on loopback binds, which the command line enforces)
     * @param jwt  verifier of JWT bearer tokens from an identity provider, or null
     */
    public static HttpServer start(Helpdesk helpdesk, String bind, int port, ApiKeys keys, JwtSettings jwt) throws Exception {
        return start(helpdesk, bind, port, keys, jwt, io.aihelpdesk.server.config.Environment.current());
    }

    /** @param env where settings read at startup come from (the language model of {@code /api/v1/query}) */
    public static HttpServer start(Helpdesk helpdesk, String bind, int port, ApiKeys keys, JwtSettings jwt,
                                   java.util.function.UnaryOperator<String> env) throws Exception {
        ServerTransportSecurityValidator security = security(bind);
        McpTransportContextExtractor<HttpServletRequest> context = HttpServer::context;
        HttpServletStreamableServerTransportProvider streamable = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(io.aihelpdesk.server.mcp.McpJson.mapper())
                .mcpEndpoint("/mcp")
                .securityValidator(security)
                .contextExtractor(context)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(io.aihelpdesk.server.mcp.McpJson.mapper())
                .sseEndpoint("/sse")
                .messageEndpoint("/message")
                .securityValidator(security)
                .contextExtractor(context)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        List<McpSyncServer> servers = List.of(McpServers.streamable(helpdesk, streamable), McpServers.sse(helpdesk, sse));

        Server jetty = new Server(new InetSocketAddress(InetAddress.getByName(bind), port));
        ServletContextHandler root = new ServletContextHandler();
        root.setContextPath("/");
        add(root, streamable, "/mcp");
        ServletHolder sseHolder = add(root, sse, "/sse");
        root.getServletHandler().addServletWithMapping(sseHolder, "/message");
        RestGateway gateway = new RestGateway(helpdesk, security, HttpServer::caller, env);
        ServletHolder gatewayHolder = add(root, gateway, RestGateway.mappings().get(0));
        RestGateway.mappings().stream().skip(1).forEach(path -> root.getServletHandler().addServletWithMapping(gatewayHolder, path));
        add(root, new AuditApi(helpdesk.audit(), security), "/v1/*");
        ServletHolder approvalHolder = add(root, new ApprovalApi(helpdesk.approvals(), security, HttpServer::caller), "/v1/approvals/*");
        root.getServletHandler().addServletWithMapping(approvalHolder, "/v1/approvals");
        A2aDoor.mount(root, helpdesk, security, HttpServer::caller, keys != null || jwt != null, env);
        JwtVerifier verifier = jwt == null ? null : new JwtVerifier(jwt); // one key set (JWKS) for the API and the console
        io.aihelpdesk.server.console.Console.mount(root, helpdesk, security, keys, verifier);
        io.aihelpdesk.server.observe.Telemetry.mount(root, helpdesk, env); // /metrics, traces, log context
        add(root, new ResourceMetadata(keys != null || jwt != null, jwt == null ? null : jwt.issuer()), BearerAuth.METADATA_PATH + "/*");
        if (keys != null || jwt != null) {
            root.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(new BearerAuth(keys, verifier)), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        }
        for (String messages : List.of("/mcp", "/message")) { // after authentication: strangers' bodies are not read
            root.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(new JsonRpcBody()), messages,
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        }
        jetty.setHandler(root);
        jetty.setStopAtShutdown(false);
        jetty.start();
        return new HttpServer(jetty, servers, gateway);
    }

    private static ServletHolder add(ServletContextHandler root, HttpServlet servlet, String path) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        root.addServlet(holder, path);
        return holder;
    }

    /** Loopback binds accept only loopback Host/Origin values; other binds accept any Host. */
    static ServerTransportSecurityValidator security(String bind) {
        List<String> loopback = List.of("localhost", "127.0.0.1", "[::1]");
        DefaultServerTransportSecurityValidator.Builder b = DefaultServerTransportSecurityValidator.builder();
        for (String host : loopback) {
            b.allowedOrigin("http://" + host + ":*").allowedOrigin("https://" + host + ":*");
            if (isLoopback(bind)) {
                b.allowedHost(host).allowedHost(host + ":*");
            }
        }
        return b.build();
    }

    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** The caller {@link BearerAuth} authenticated, else anonymous with the remote address. */
    private static Caller caller(HttpServletRequest request) {
        Object authenticated = request.getAttribute(BearerAuth.CALLER_ATTRIBUTE);
        return authenticated instanceof Caller c ? c : Caller.anonymous(request.getRemoteAddr());
    }

    private static McpTransportContext context(HttpServletRequest request) {
        Map<String, Object> context = new java.util.HashMap<>();
        context.put(McpServers.CALLER_KEY, caller(request));
        String trace = Invocation.traceIdFromTraceparent(request.getHeader("traceparent"));
        String header = request.getHeader("X-Trace-ID");
        if (trace == null && header != null && header.matches("[A-Za-z0-9_.:-]{1,64}")) {
            trace = header;
        }
        if (trace != null) {
            context.put(McpServers.TRACE_KEY, trace);
        }
        return McpTransportContext.create(context);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The REST gateway this server registered (its routes are what the OpenAPI document describes). */
    public RestGateway gateway() {
        return gateway;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        mcp.forEach(McpSyncServer::closeGracefully);
        jetty.stop();
    }

    /** Protected Resource Metadata (RFC 9728) for MCP clients discovering how to authenticate. */
    private static final class ResourceMetadata extends HttpServlet {
        private final boolean protectedResource;
        private final String issuer;

        ResourceMetadata(boolean protectedResource, String issuer) {
            this.protectedResource = protectedResource;
            this.issuer = issuer;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!protectedResource) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND, "this server does not require authentication");
                return;
            }
            resp.setContentType("application/json");
            resp.getWriter().write("{\"resource\":\"" + BearerAuth.baseUrl(req) + "/mcp\",\"authorization_servers\":" + (issuer == null ? "[]" : "[" + io.aihelpdesk.tools.Json.write(issuer) + "]") + ","
                    + "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"aiHelpDesk\"}");
        }
    }
}
