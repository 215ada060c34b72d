package io.aihelpdesk.server.console;

import static io.aihelpdesk.server.console.Html.esc;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.audit.Verification;
import io.aihelpdesk.tools.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The audit timeline: the newest events matching the filters (tool, principal, outcome, trace, event
 * type, time), the chain's verification as a badge (the same {@link AuditStore#verify()} as
 * {@code GET /v1/verify}), and with a trace filter the {@link TraceView} of that trace.
 */
final class AuditPage {
    static final int SHOWN = 200;
    private static final long VERIFY_CACHE_NANOS = 10_000_000_000L;
    private final AuditStore store;
    private volatile Verification lastVerification;
    private volatile long verifiedAt;

    AuditPage(AuditStore store) {
        this.store = store;
    }

    /** The filters of one request; blank means any. */
    record Filters(String tool, String principal, String outcome, String trace, String type, String since, String until) {
        static Filters of(java.util.function.UnaryOperator<String> param) {
            return new Filters(blank(param.apply("tool")), blank(param.apply("principal")), blank(param.apply("outcome")),
                    blank(param.apply("trace")), blank(param.apply("type")), blank(param.apply("since")), blank(param.apply("until")));
        }

        /** These filters as a query string. */
        String query() {
            StringBuilder q = new StringBuilder();
            String[][] pairs = {{"tool", tool}, {"principal", principal}, {"outcome", outcome}, {"trace", trace}, {"type", type},
                {"since", since}, {"until", until}};
            for (String[] p : pairs) {
                if (p[1] != null) {
                    q.append(q.length() == 0 ? "" : "&").append(p[0]).append('=').append(Html.url(p[1]));
                }
            }
            return q.toString();
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    String render(Filters f) {
        StringBuilder b = new StringBuilder("<h1>Audit timeline</h1>");
        b.append(badge(verification()));
        b.append(form(f));
        Instant since;
        Instant until;
        try {
            since = instant(f.since(), "since");
            until = instant(f.until(), "until");
        } catch (IllegalArgumentException e) {
            return b.append("<p class=\"notice error\">").append(esc(e.getMessage())).append("</p>").toString();
        }
        AuditQuery q = AuditQuery.all().tool(f.tool()).principal(f.principal()).trace(f.trace()).type(f.type())
                .between(since, until).limit(AuditQuery.MAX_LIMIT);
        Deque<AuditEvent> newest = new ArrayDeque<>();
        long matched = 0;
        for (List<AuditEvent> page = store.query(q); !page.isEmpty(); ) {
            for (AuditEvent e : page) {
                if (f.outcome() == null || e.outcome() != null && f.outcome().equalsIgnoreCase(e.outcome().status())) {
                    matched++;
                    newest.addLast(e);
                    if (newest.size() > SHOWN) {
                        newest.removeFirst();
                    }
                }
            }
            q = q.next(page);
            page = q == null ? List.of() : store.query(q);
        }
        if (f.trace() != null) {
            b.append(TraceView.render(f.trace(), new ArrayList<>(newest)));
        }
        b.append("<h2>Events <span class=\"count\" id=\"event-count\">").append(matched).append("</span>")
                .append(matched > SHOWN ? " <small>(newest " + SHOWN + " shown)</small>" : "").append("</h2>");
        List<AuditEvent> shown = new ArrayList<>(newest);
        java.util.Collections.reverse(shown);
        b.append(table(shown));
        if (matched > SHOWN) {
            Filters older = new Filters(f.tool(), f.principal(), f.outcome(), f.trace(), f.type(), f.since(), newest.peekFirst().timestamp().toString());
            b.append("<p><a id=\"older\" href=\"/console/audit?").append(esc(older.query())).append("\">Older events</a></p>");
        }
        return b.toString();
    }

    private Verification verification() {
        long now = System.nanoTime();
        Verification v = lastVerification;
        if (v == null || now - verifiedAt > VERIFY_CACHE_NANOS) {
            v = store.verify();
            lastVerification = v;
            verifiedAt = now;
        }
        return v;
    }

    static String badge(Verification v) {
        if (v.valid()) {
            return "<p class=\"chain ok\" id=\"chain-status\">Chain verified: " + v.totalEvents() + " events, last hash <code>"
                    + esc(v.lastHash() == null ? "-" : v.lastHash().substring(0, Math.min(16, v.lastHash().length()))) + "…</code></p>";
        }
        return "<p class=\"chain broken\" id=\"chain-status\">Chain BROKEN at <code>" + esc(v.brokenAt()) + "</code> after "
                + v.totalEvents() + " events: " + esc(v.error()) + " — run <code>helpdesk audit verify</code> and treat the trail as tampered.</p>";
    }

    private static String form(Filters f) {
        StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/console/audit\" class=\"filters\">");
        input(b, "tool", "Tool", f.tool(), "text");
        input(b, "principal", "Principal", f.principal(), "text");
        b.append("<label>Outcome <select name=\"outcome\"><option value=\"\">any</option>");
        for (String o : List.of("success", "error", "denied", "pending_approval", "invalid")) {
            b.append("<option").append(o.equals(f.outcome()) ? " selected" : "").append('>').append(o).append("</option>");
        }
        b.append("</select></label>");
        input(b, "trace", "Trace id", f.trace(), "text");
        b.append("<label>Type <select name=\"type\"><option value=\"\">any</option>");
        for (String t : AuditEvent.EVENT_TYPES.stream().sorted().toList()) {
            b.append("<option").append(t.equals(f.type()) ? " selected" : "").append('>').append(t).append("</option>");
        }
        b.append("</select></label>");
        input(b, "since", "Since (UTC)", f.since(), "datetime-local");
        input(b, "until", "Until (UTC)", f.until(), "datetime-local");
        return b.append("<button type=\"submit\">Filter</button> <a href=\"/console/audit\">clear</a></form>").toString();
    }

    private static void input(StringBuilder b, String name, String label, String value, String type) {
        b.append("<label>").append(label).append(" <input type=\"").append(type).append("\" name=\"").append(name)
                .append("\" value=\"").append(esc(value)).append("\"").append(type.equals("datetime-local") ? " step=\"1\"" : "").append("></label>");
    }

    private static String table(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return "<p class=\"empty\">No events match.</p>";
        }
        StringBuilder b = new StringBuilder("<table class=\"list audit\"><thead><tr><th>Time</th><th>Type</th><th>Trace</th>")
                .append("<th>Principal</th><th>Tool</th><th>Door</th><th>Class</th><th>Outcome</th><th>Details</th></tr></thead><tbody>");
        for (AuditEvent e : events) {
            String status = e.outcome() == null ? "" : e.outcome().status();
            b.append("<tr data-event=\"").append(esc(e.eventId())).append("\"><td>").append(Html.time(e.timestamp())).append("</td><td>")
                    .append(esc(e.eventType())).append("</td><td>");
            if (e.traceId() != null) {
                b.append("<a href=\"/console/audit?trace=").append(esc(Html.url(e.traceId()))).append("\"><code>").append(esc(e.traceId()))
                        .append("</code></a>");
            }
            b.append("</td><td>").append(esc(e.principal() == null ? "" : e.principal().id())).append("</td><td>")
                    .append(esc(e.tool() == null ? "" : e.tool().name())).append("</td><td>")
                    .append(esc(e.tool() == null || e.tool().agent() == null ? "" : e.tool().agent().replace("aihelpdesk/", "")))
                    .append("</td><td>").append(esc(e.actionClass())).append("</td><td>")
                    .append(status.isEmpty() ? "" : "<span class=\"badge " + esc(status) + "\">" + esc(status) + "</span>")
                    .append("</td><td>").append(details(e)).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** Parameters, decision, result or error, each escaped and shortened. */
    static String details(AuditEvent e) {
        StringBuilder b = new StringBuilder();
        if (e.tool() != null && e.tool().parameters() != null && !e.tool().parameters().isEmpty()) {
            b.append("<div><span class=\"k\">args</span> <code>").append(esc(shorten(Json.write(e.tool().parameters()), 300))).append("</code></div>");
        }
        if (e.decision() != null && !e.decision().isEmpty()) {
            Map<String, Object> d = e.decision();
            Object summary = d.containsKey("effect") ? d.get("effect") + (d.get("message") == null ? "" : ": " + d.get("message"))
                    : d.containsKey("status") ? d.get("status") : Json.write(d);
            b.append("<div><span class=\"k\">decision</span> ").append(esc(shorten(String.valueOf(summary), 300))).append("</div>");
        }
        if (e.outcome() != null && e.outcome().errorMessage() != null) {
            b.append("<div><span class=\"k\">error</span> ").append(esc(shorten(e.outcome().errorMessage(), 300))).append("</div>");
        } else if (e.tool() != null && e.tool().result() != null) {
            b.append("<div><span class=\"k\">result</span> ").append(esc(shorten(e.tool().result(), 200))).append("</div>");
        }
        return b.toString();
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** An ISO instant ({@code 2026-11-25T09:00:00Z}) or what a datetime-local input sends, read as UTC. */
    static Instant instant(String s, String name) {
        if (s == null) {
            return null;
        }
        try {
            return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(s).toInstant()
                    : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + s + "' is not a time; use 2026-11-25T09:00 (UTC) or an ISO instant", e);
        }
    }
}
