package io.aihelpdesk.server.http;

import io.aihelpdesk.governance.identity.ApiKeys;
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

    BearerAuth(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = req.getRequestURI();
        if (path.equals("/health") || path.startsWith(METADATA_PATH)) {
            chain.doFilter(request, response);
            return;
        }
        String header = req.getHeader("Authorization");
        boolean presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        Optional<Caller> caller = presented ? keys.authenticate(header.substring(7)) : Optional.empty();
        if (caller.isEmpty()) {
            String metadata = baseUrl(req) + METADATA_PATH;
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"aihelpdesk\", resource_metadata=\"" + metadata + "\""
                    + (presented ? ", error=\"invalid_token\", error_description=\"unknown API key\"" : ""));
            resp.setContentType("application/json");
            resp.getWriter().write(presented
                    ? "{\"error\":\"invalid_token\",\"error_description\":\"the API key is not known to this server\"}"
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
