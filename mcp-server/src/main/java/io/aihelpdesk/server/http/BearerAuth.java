package io.aihelpdesk.server.http;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.identity.JwtOutcome;
import io.aihelpdesk.governance.identity.JwtVerifier;
import io.aihelpdesk.server.gateway.ApiResponse;
import io.aihelpdesk.tools.Caller;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates HTTP callers by bearer API key, as the MCP authorization spec expects of a
 * protected resource: no or a bad token → 401 with {@code WWW-Authenticate} pointing at the
 * Protected Resource Metadata. The authenticated {@link Caller} is handed to the MCP transport.
 */
final class BearerAuth implements Filter {
    static final String CALLER_ATTRIBUTE = "aihelpdesk.caller";
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    private final ApiKeys keys;
    private final JwtVerifier jwt;

    /** Either may be null; a token is tried as an API key first, then as a JWT. */
    BearerAuth(ApiKeys keys, JwtVerifier jwt) {
        this.keys = keys;
        this.jwt = jwt;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = req.getRequestURI();
        if (path.equals("/health") || path.startsWith(METADATA_PATH) || io.aihelpdesk.a2a.A2aServlet.isCard(path)
                || io.aihelpdesk.server.console.Console.owns(path)) { // the console authenticates its own pages, failing closed
            chain.doFilter(request, response);
            return;
        }
        String header = req.getHeader("Authorization");
        boolean presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        String token = presented ? header.substring(7).trim() : "";
        Optional<Caller> caller = presented && keys != null ? keys.authenticate(token) : Optional.empty();
        String rejection = "the API key is not known to this server";
        if (caller.isEmpty() && presented && jwt != null && token.chars().filter(ch -> ch == '.').count() == 2) {
            JwtOutcome outcome = jwt.verify(token);
            if (outcome instanceof JwtOutcome.Verified v) {
                caller = Optional.of(v.caller());
            } else if (outcome instanceof JwtOutcome.Rejected r) {
                rejection = r.message();
            }
        }
        if (caller.isEmpty()) {
            String metadata = baseUrl(req) + METADATA_PATH;
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"aihelpdesk\", resource_metadata=\"" + metadata + "\""
                    + (presented ? ", error=\"invalid_token\"" : ""));
            if (path.startsWith("/api/")) {
                // The REST gateway's one error shape; MCP clients read the header, not the body.
                ApiResponse.error(401, presented ? "invalid_token" : "unauthorized", presented ? rejection : "authentication required",
                        "send Authorization: Bearer <API key or JWT>; see " + metadata, io.aihelpdesk.server.gateway.RestGateway.traceId(req), java.util.Map.of()).write(resp);
                return;
            }
            resp.setContentType("application/json");
            resp.getWriter().write(presented
                    ? "{\"error\":\"invalid_token\",\"error_description\":" + io.aihelpdesk.tools.Json.write(rejection) + "}"
                    : "{\"error\":\"unauthorized\",\"error_description\":\"send Authorization: Bearer <API key>; see " + metadata + "\"}");
            return;
        }
        Caller c = caller.get();
        req.setAttribute(CALLER_ATTRIBUTE, new Caller(c.id(), c.kind(), c.roles(), req.getRemoteAddr()));
        chain.doFilter(request, response);
    }

    static String baseUrl(HttpServletRequest req) {
        String host = req.getHeader("Host");
        return req.getScheme() + "://" + (host == null ? req.getServerName() + ":" + req.getServerPort() : host);
    }
}
