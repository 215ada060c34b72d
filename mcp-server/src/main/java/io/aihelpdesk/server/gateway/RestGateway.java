package io.aihelpdesk.server.gateway;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The REST gateway: {@code /api/v1/*} and {@code /health} on the {@code helpdesk serve} port, behind
 * the same authentication and Host/Origin checks as MCP. It only translates: governed routes build an
 * {@link Invocation} (door {@code rest}, the caller, the request's trace id) and hand it to the
 * pipeline; {@link ApiResponse} maps the outcome to HTTP.
 */
public final class RestGateway extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(RestGateway.class);
    private static final int MAX_BODY = 1 << 20;
    private final transient ServerTransportSecurityValidator security;
    private final transient Function<HttpServletRequest, Caller> callers;
    private final transient List<Route> routes;

    /**
     * @param callers the caller of a request as the server's authentication established it
     * @param env     the environment, for the language model {@code /query} uses
     */
    public RestGateway(Helpdesk helpdesk, ServerTransportSecurityValidator security, Function<HttpServletRequest, Caller> callers,
                       java.util.function.UnaryOperator<String> env) {
        this.security = security;
        this.callers = callers;
        List<Route> all = new ArrayList<>(new Directory(helpdesk, env).routes());
        all.addAll(new ToolRoutes(helpdesk.pipeline()).routes());
        all.add(new Route("GET", "/api/v1/openapi.json", "openapi", "This document: the gateway's routes as OpenAPI 3.1.",
                null, null, call -> new ApiResponse(200, OpenApi.document(routes(), helpdesk.catalog()))));
        this.routes = List.copyOf(all);
    }

    /** Every route this gateway serves, in the order it matches them. */
    public List<Route> routes() {
        return routes;
    }

    /** The servlet path specs to register: everything the routes cover. */
    public static List<String> mappings() {
        return List.of("/api/v1/*", "/health");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String trace = traceId(req);
        try {
            respond(req, trace).write(resp);
        } catch (RuntimeException e) {
            LOG.error("REST gateway: {} {} failed (trace {})", req.getMethod(), req.getRequestURI(), trace, e);
            ApiResponse.error(500, "internal_error", "the server failed answering " + req.getMethod() + " " + req.getRequestURI()
                    + ": " + e, "the server log has the stack trace under this trace id", trace, Map.of()).write(resp);
        }
    }

    private ApiResponse respond(HttpServletRequest req, String trace) throws IOException {
        try {
            security.validateHeaders(headers(req));
        } catch (ServerTransportSecurityException e) {
            return ApiResponse.error(e.getStatusCode(), "forbidden_origin", String.valueOf(e.getMessage()),
                    "call from an allowed host/origin (loopback binds accept only localhost)", trace, Map.of());
        }
        String path = req.getRequestURI();
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            Map<String, String> vars = r.match(path);
            if (vars == null) {
                continue;
            }
            if (!r.method().equals(req.getMethod())) {
                allowed.add(r.method());
                continue;
            }
            Map<String, Object> body;
            try {
                body = body(req);
            } catch (JacksonException e) {
                return ApiResponse.error(400, "bad_json", "the request body is not a JSON object: " + e.getOriginalMessage(),
                        "send Content-Type: application/json and an object such as {\"connection_string\": \"demo\"}", trace, Map.of());
            }
            return r.action().apply(new Call(callers.apply(req), trace, vars, query(req), body));
        }
        if (!allowed.isEmpty()) {
            return ApiResponse.error(405, "method_not_allowed", req.getMethod() + " is not allowed on " + path,
                    "use " + String.join(" or ", allowed), trace, Map.of("allowed", allowed));
        }
        return ApiResponse.error(404, "not_found", "no route " + req.getMethod() + " " + path,
                "GET /api/v1/openapi.json lists every route", trace, Map.of());
    }

    /** {@code traceparent} first, then a well-formed {@code X-Trace-ID}, else a new one. */
    public static String traceId(HttpServletRequest req) {
        String trace = Invocation.traceIdFromTraceparent(req.getHeader("traceparent"));
        String header = req.getHeader(ApiResponse.TRACE_HEADER);
        if (trace == null && header != null && header.matches("[A-Za-z0-9_.:-]{1,64}")) {
            trace = header;
        }
        return trace == null ? Invocation.newTraceId() : trace;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpServletRequest req) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            return Map.of();
        }
        String text = new String(req.getInputStream().readNBytes(MAX_BODY), StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? Map.of() : (Map<String, Object>) Json.mapper().readValue(text, Map.class);
    }

    private static Map<String, String> query(HttpServletRequest req) {
        Map<String, String> q = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> q.put(k, v.length == 0 ? "" : v[0]));
        return q;
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        return headers;
    }
}
