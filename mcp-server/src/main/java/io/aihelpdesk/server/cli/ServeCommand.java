package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.identity.JwtSettings;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code helpdesk serve}: MCP over Streamable HTTP ({@code /mcp}) and SSE ({@code /sse}), the REST gateway ({@code /api/v1}). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP server: MCP Streamable HTTP at /mcp, SSE at /sse, the REST gateway at /api/v1 (OpenAPI: /api/v1/openapi.json), /health.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Default: $HELPDESK_BIND or 127.0.0.1.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0 = any free port). Default: $HELPDESK_PORT or 8080.")
    Integer port;

    @Option(names = "--users", paramLabel = "FILE",
            description = "users.yaml with API keys; HTTP callers must then send Authorization: Bearer <key>. Default: $HELPDESK_USERS_FILE.")
    Path users;

    @Option(names = "--jwt", paramLabel = "FILE",
            description = "jwt.yaml: accept JWT bearer tokens from an identity provider (issuer, JWKS, audience, role mapping). Default: $HELPDESK_JWT_CONFIG.")
    Path jwt;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "json: every log line is one JSON object (ts, level, logger, msg, trace_id). Default: $HELPDESK_LOG_FORMAT or text.")
    String logFormat; // applied by Main before anything logs (io.aihelpdesk.server.logging.LogFormat)

    @Option(names = "--insecure-no-auth", description = "Allow a non-loopback bind although HTTP callers are not authenticated.")
    boolean insecureNoAuth;

    @Override
    public Integer call() throws Exception {
        String address = EnvDefaults.text(bind, "HELPDESK_BIND", "127.0.0.1");
        String portText = EnvDefaults.text(port == null ? null : port.toString(), "HELPDESK_PORT", "8080");
        if (!portText.matches("\\d{1,5}") || Integer.parseInt(portText) > 65535) {
            System.err.println("port must be 0-65535, got '" + portText + "' (--port or HELPDESK_PORT)");
            return 2;
        }
        int p = Integer.parseInt(portText);
        Path usersFile = EnvDefaults.path(users, "HELPDESK_USERS_FILE");
        ApiKeys keys = usersFile == null ? null : ApiKeys.load(usersFile);
        Path jwtFile = EnvDefaults.path(jwt, "HELPDESK_JWT_CONFIG");
        JwtSettings jwtSettings = jwtFile == null ? null : JwtSettings.load(jwtFile);
        if (keys == null && jwtSettings == null && !HttpServer.isLoopback(address) && !insecureNoAuth) {
            System.err.println("refusing to listen on " + address + " without authentication: configure API keys with "
                    + "--users FILE (or HELPDESK_USERS_FILE), bind to 127.0.0.1 (default), or pass --insecure-no-auth if a "
                    + "proxy in front authenticates callers.");
            return 2;
        }
        try (Helpdesk helpdesk = options.open(); HttpServer server = HttpServer.start(helpdesk, address, p, keys, jwtSettings)) {
            io.aihelpdesk.server.logging.LogFormat.announce(String.format("aiHelpDesk listening on http://%s:%d  (MCP: /mcp, SSE: /sse, REST: /api/v1, A2A: /a2a, console: /console, health: /health, metrics: /metrics; %d tools; %s)",
                    address.contains(":") ? "[" + address + "]" : address, server.port(), helpdesk.catalog().all().size(),
                    keys == null && jwtSettings == null ? "no authentication"
                            : (keys == null ? "" : keys.size() + " API keys ") + (jwtSettings == null ? "" : "JWT from " + jwtSettings.issuer())));
            Thread hook = new Thread(() -> closeQuietly(server));
            Runtime.getRuntime().addShutdownHook(hook);
            server.join();
        }
        return 0;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("shutdown: " + e.getMessage());
        }
    }
}
