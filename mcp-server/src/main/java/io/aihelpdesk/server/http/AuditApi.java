package io.aihelpdesk.server.http;

import io.aihelpdesk.governance.audit.Appended;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.audit.Verification;
import io.aihelpdesk.tools.Json;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit chain over HTTP, compatible with the original auditd: {@code POST /v1/events},
 * {@code GET /v1/events} (filters, limit, cursor) and {@code GET /v1/verify}. Behind the same
 * authentication as MCP when API keys are configured.
 */
final class AuditApi extends HttpServlet {
    private final transient AuditStore store;
    private final transient ServerTransportSecurityValidator security;

    AuditApi(AuditStore store, ServerTransportSecurityValidator security) {
        this.store = store;
        this.security = security;
    }

    /** Same Host/Origin rules as MCP: a web page must not read the audit trail through DNS rebinding. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException, IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : java.util.Collections.list(req.getHeaderNames())) {
            headers.put(name, java.util.Collections.list(req.getHeaders(name)));
        }
        try {
            security.validateHeaders(headers);
        } catch (ServerTransportSecurityException e) {
            write(resp, e.getStatusCode(), Map.of("error", String.valueOf(e.getMessage())));
            return;
        }
        super.service(req, resp);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/v1/verify")) {
            Verification v = store.verify();
            write(resp, v.valid() ? 200 : 409, verification(v));
            return;
        }
        if (path.equals("/v1/events/stream")) {
            stream(req, resp);
            return;
        }
        if (!path.equals("/v1/events")) {
            write(resp, 404, Map.of("error", "unknown path " + path + "; use /v1/events or /v1/verify"));
            return;
        }
        AuditQuery q;
        try {
            q = query(req);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            write(resp, 400, Map.of("error", e.getMessage()));
            return;
        }
        List<AuditEvent> page = store.query(q);
        AuditQuery next = q.next(page);
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < page.size(); i++) {
            body.append(i == 0 ? "" : ",").append(page.get(i).toJson());
        }
        body.append("],\"count\":").append(page.size()).append(",\"next_cursor\":")
                .append(next == null ? "null" : Json.write(next.cursor())).append('}');
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code GET /v1/events/stream}: Server-Sent Events, one {@code event: audit} per chained event
     * from the moment of connection (or {@code since}), until the client goes away.
     */
    private void stream(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AuditQuery q;
        try {
            String since = req.getParameter("since");
            q = AuditQuery.all().between(since == null ? Instant.now() : Instant.parse(since), null).limit(AuditQuery.MAX_LIMIT);
        } catch (DateTimeParseException e) {
            write(resp, 400, Map.of("error", e.getMessage()));
            return;
        }
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setHeader("Cache-Control", "no-cache");
        var out = resp.getOutputStream();
        out.write(": aihelpdesk audit stream\n\n".getBytes(StandardCharsets.UTF_8));
        resp.flushBuffer();
        long lastBeat = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            List<AuditEvent> page = store.query(q);
            for (AuditEvent e : page) {
                out.write(("id: " + e.eventId() + "\nevent: audit\ndata: " + e.toJson() + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!page.isEmpty()) {
                q = q.after(page.get(page.size() - 1).eventId());
                resp.flushBuffer();
            } else if (System.nanoTime() - lastBeat > 15_000_000_000L) {
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8)); // also detects a client that left
                resp.flushBuffer();
                lastBeat = System.nanoTime();
            }
            try {
                Thread.sleep(page.isEmpty() ? 500 : 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getRequestURI().equals("/v1/events")) {
            write(resp, 404, Map.of("error", "POST is accepted on /v1/events only"));
            return;
        }
        AuditEvent event;
        try {
            event = AuditEvent.fromJson(new String(req.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            write(resp, 400, Map.of("error", e.getMessage()));
            return;
        }
        if (req.getAttribute(BearerAuth.CALLER_ATTRIBUTE) instanceof io.aihelpdesk.tools.Caller c) {
            // Events are chained as the authenticated caller: a key holder cannot write under another name.
            event = event.withPrincipal(new AuditEvent.Principal(c.id(), c.kind(), c.roles()));
        }
        Appended a = store.append(event);
        write(resp, 201, Map.of("event_id", a.eventId(), "event_hash", a.eventHash(), "prev_hash", a.prevHash()));
    }

    private static AuditQuery query(HttpServletRequest r) {
        String limit = r.getParameter("limit");
        return AuditQuery.all().session(r.getParameter("session_id")).trace(r.getParameter("trace_id"))
                .type(r.getParameter("event_type")).agent(r.getParameter("agent")).actionClass(r.getParameter("action_class"))
                .tool(r.getParameter("tool_name")).principal(r.getParameter("principal"))
                .between(instant(r.getParameter("since")), instant(r.getParameter("until")))
                .limit(limit == null ? AuditQuery.DEFAULT_LIMIT : Integer.parseInt(limit))
                .cursor(r.getParameter("cursor"));
    }

    private static Instant instant(String s) {
        return s == null || s.isBlank() ? null : Instant.parse(s);
    }

    private static Map<String, Object> verification(Verification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", v.valid());
        m.put("total_events", v.totalEvents());
        m.put("first_event_id", v.firstEventId());
        m.put("last_event_id", v.lastEventId());
        m.put("last_hash", v.lastHash());
        m.put("broken_at", v.brokenAt());
        m.put("error", v.error());
        return m;
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
