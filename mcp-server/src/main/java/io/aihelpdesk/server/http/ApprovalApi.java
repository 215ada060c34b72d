package io.aihelpdesk.server.http;

import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.ApprovalJson;
import io.aihelpdesk.governance.approval.ApprovalQuery;
import io.aihelpdesk.governance.approval.ApprovalRefused;
import io.aihelpdesk.governance.approval.ApprovalRequest;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.approval.ApprovalStoreException;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.governance.policy.ApprovalTerms;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Approvals over HTTP, compatible with the original auditd: {@code POST /v1/approvals},
 * {@code GET /v1/approvals[?status,trace_id,requested_by,tool_name,limit]}, {@code /pending},
 * {@code /{id}}, {@code /{id}/wait?timeout=} (seconds, default 30, at most 120) and
 * {@code POST /{id}/approve|deny|cancel|emergency}. Who requests, approves, denies or cancels is
 * always the authenticated caller; {@code requested_by}, {@code approved_by}, {@code denied_by} or
 * {@code cancelled_by} in a body are ignored. Refusals answer {@code {error: code, message}} with
 * 403 (not allowed), 404 (unknown), 409 (already decided or voted) or 400 (bad request); a store
 * that cannot be reached answers 503.
 */
final class ApprovalApi extends HttpServlet {
    private static final Pattern ITEM = Pattern.compile("/v1/approvals/(apr_[0-9a-f]{1,32})(?:/(wait|approve|deny|cancel|emergency))?");
    private static final Duration MAX_WAIT = Duration.ofSeconds(120);
    private final transient Approvals approvals;
    private final transient ServerTransportSecurityValidator security;
    private final transient Function<HttpServletRequest, Caller> callers;

    ApprovalApi(Approvals approvals, ServerTransportSecurityValidator security, Function<HttpServletRequest, Caller> callers) {
        this.approvals = approvals;
        this.security = security;
        this.callers = callers;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException, IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        try {
            security.validateHeaders(headers);
            super.service(req, resp);
        } catch (ServerTransportSecurityException e) {
            write(resp, e.getStatusCode(), error("forbidden_origin", String.valueOf(e.getMessage())));
        } catch (ApprovalRefused e) {
            write(resp, httpStatus(e.code()), error(e.code(), e.getMessage()));
        } catch (ApprovalStoreException e) {
            write(resp, 503, error("approval_store_unavailable", e.getMessage()));
        } catch (IllegalArgumentException e) {
            write(resp, 400, error("bad_request", e.getMessage()));
        }
    }

    private static int httpStatus(String code) {
        return switch (code) {
            case "unknown_approval" -> 404;
            case "not_pending", "already_voted", "conflict" -> 409;
            case "reason_required" -> 400;
            default -> 403;
        };
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/v1/approvals") || path.equals("/v1/approvals/pending")) {
            ApprovalQuery q = new ApprovalQuery(path.endsWith("/pending") ? ApprovalStatus.PENDING : statusParam(req.getParameter("status")),
                    req.getParameter("trace_id"), req.getParameter("requested_by"), req.getParameter("tool_name"),
                    req.getParameter("limit") == null ? 0 : Integer.parseInt(req.getParameter("limit")));
            List<Map<String, Object>> list = approvals.list(q).stream().map(ApprovalJson::toMap).toList();
            write(resp, 200, Map.of("approvals", list, "count", list.size()));
            return;
        }
        Matcher m = ITEM.matcher(path);
        if (!m.matches() || (m.group(2) != null && !m.group(2).equals("wait"))) {
            write(resp, 404, error("not_found", "no route GET " + path + "; use /v1/approvals, /v1/approvals/pending, "
                    + "/v1/approvals/{id} or /v1/approvals/{id}/wait?timeout=30"));
            return;
        }
        Optional<Approval> a;
        if (m.group(2) == null) {
            a = approvals.find(m.group(1));
        } else {
            Duration timeout = Duration.ofSeconds(req.getParameter("timeout") == null ? 30 : Long.parseLong(req.getParameter("timeout")));
            try {
                a = approvals.await(m.group(1), timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                a = approvals.find(m.group(1));
            }
        }
        if (a.isEmpty()) {
            write(resp, 404, error("unknown_approval", "no approval " + m.group(1)));
            return;
        }
        write(resp, 200, ApprovalJson.toMap(a.get()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        Map<String, Object> body = body(req);
        Principal who = principal(callers.apply(req));
        if (path.equals("/v1/approvals")) {
            write(resp, 201, ApprovalJson.toMap(approvals.create(request(body, who))));
            return;
        }
        Matcher m = ITEM.matcher(path);
        if (!m.matches() || m.group(2) == null || m.group(2).equals("wait")) {
            write(resp, 404, error("not_found", "no route POST " + path + "; use /v1/approvals or /v1/approvals/{id}/approve|deny|cancel|emergency"));
            return;
        }
        String id = m.group(1);
        String reason = text(body, "reason");
        Approval a = switch (m.group(2)) {
            case "approve" -> approvals.approve(id, who, reason, body.get("valid_for_minutes") instanceof Number n ? n.intValue() : null, "http");
            case "deny" -> approvals.deny(id, who, reason);
            case "cancel" -> approvals.cancel(id, who, reason);
            default -> approvals.emergency(id, who, reason);
        };
        write(resp, 200, ApprovalJson.toMap(a));
    }

    /** A request created over HTTP (by another agent or a script): what it is for comes from the body, who asks from authentication. */
    private static ApprovalRequest request(Map<String, Object> b, Principal who) {
        String actionClass = text(b, "action_class");
        if (actionClass == null) {
            throw new IllegalArgumentException("action_class is required (read, write or destructive)");
        }
        String role = text(b, "approver_role");
        int expires = b.get("expires_in_minutes") instanceof Number n ? n.intValue() : 60;
        int quorum = b.get("quorum") instanceof Number n ? n.intValue() : 1;
        ApprovalTerms terms = new ApprovalTerms(Math.max(1, quorum), role == null ? List.of() : List.of("role:" + role), List.of(),
                Math.max(1, expires), 60, false);
        String trace = text(b, "trace_id");
        String resource = (text(b, "resource_type") == null ? "unknown" : text(b, "resource_type")) + ":"
                + (text(b, "resource_name") == null ? "" : text(b, "resource_name"));
        String context = b.get("request_context") == null ? null : Json.write(b.get("request_context"));
        String callback = text(b, "callback_url");
        if (callback != null) {
            checkCallback(callback);
        }
        return new ApprovalRequest(trace == null ? Invocation.newTraceId() : trace, text(b, "tool_name") == null ? "" : text(b, "tool_name"),
                actionClass, resource, text(b, "arguments_sha256") == null ? "" : text(b, "arguments_sha256"), who,
                text(b, "policy_name"), context, terms, callback);
    }

    /**
     * A callback must be an http(s) URL whose host does not resolve to a link-local or wildcard address
     * (cloud metadata endpoints such as 169.254.169.254 live there): the server POSTs to it.
     */
    private static void checkCallback(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callback_url is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("callback_url must be an http or https URL with a host, got '" + url + "'");
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                    throw new IllegalArgumentException("callback_url host " + uri.getHost() + " resolves to " + a.getHostAddress()
                            + ", a link-local or wildcard address (cloud metadata lives there); use a routable receiver");
                }
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("callback_url host " + uri.getHost() + " does not resolve: " + e.getMessage(), e);
        }
    }

    private static ApprovalStatus statusParam(String s) {
        return s == null || s.isBlank() ? null : ApprovalStatus.of(s);
    }

    static Principal principal(Caller c) {
        return new Principal(c.kind().equals("anonymous") ? "" : c.id(), c.kind(), c.roles());
    }

    private static String text(Map<String, Object> b, String key) {
        Object v = b.get(key);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpServletRequest req) throws IOException {
        String text = new String(req.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(text, Map.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the request body is not a JSON object: " + e.getMessage());
        }
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        return m;
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
