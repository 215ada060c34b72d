package io.aihelpdesk.server.console;

import static io.aihelpdesk.server.console.Html.esc;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trace as a tree: each delegation (chat or A2A {@code delegation_decision}) with the tool calls
 * that ran while it was open and its own outcome; each tool call (its intent event) with its
 * outcome event (linked by {@code parent_id}); approvals and policy decisions in between, in order.
 */
final class TraceView {
    private TraceView() {
    }

    static String render(String trace, List<AuditEvent> events) {
        Map<String, AuditEvent> outcomeOf = new HashMap<>();
        for (AuditEvent e : events) {
            if (e.eventType().equals("outcome") && e.parentId() != null) {
                outcomeOf.put(e.parentId(), e);
            }
        }
        List<AuditEvent> delegations = events.stream().filter(e -> e.eventType().equals("delegation_decision")).toList();
        Set<String> placed = new HashSet<>();
        Map<String, List<AuditEvent>> inside = new HashMap<>();
        for (AuditEvent d : delegations) {
            AuditEvent end = outcomeOf.get(d.eventId());
            Instant until = end == null ? Instant.MAX : end.timestamp();
            List<AuditEvent> calls = new ArrayList<>();
            for (AuditEvent e : events) {
                if (e != d && !e.eventType().equals("delegation_decision") && !e.eventType().equals("outcome") && !placed.contains(e.eventId())
                        && !e.timestamp().isBefore(d.timestamp()) && !e.timestamp().isAfter(until)) {
                    calls.add(e);
                    placed.add(e.eventId());
                }
            }
            inside.put(d.eventId(), calls);
        }
        StringBuilder b = new StringBuilder("<section class=\"trace\" id=\"trace-view\"><h2>Trace <code>").append(esc(trace)).append("</code></h2>");
        if (events.isEmpty()) {
            return b.append("<p class=\"empty\">No events in this trace.</p></section>").toString();
        }
        b.append("<ol class=\"tree\">");
        for (AuditEvent e : events) {
            if (e.eventType().equals("delegation_decision")) {
                AuditEvent end = outcomeOf.get(e.eventId());
                b.append("<li class=\"delegation\"><div class=\"node\"><b>delegation</b> to <b>")
                        .append(esc(e.decision() == null ? "" : e.decision().get("agent"))).append("</b> by ")
                        .append(esc(e.principal() == null ? "" : e.principal().id())).append(' ').append(status(end)).append(' ')
                        .append("<small>").append(Html.time(e.timestamp())).append("</small>")
                        .append(AuditPage.details(e)).append("</div><ol>");
                for (AuditEvent call : inside.get(e.eventId())) {
                    b.append(item(call, outcomeOf));
                }
                b.append("</ol></li>");
            } else if (!e.eventType().equals("outcome") && !placed.contains(e.eventId())) {
                b.append(item(e, outcomeOf));
            } else if (e.eventType().equals("outcome") && (e.parentId() == null || events.stream().noneMatch(p -> p.eventId().equals(e.parentId())))) {
                b.append(item(e, outcomeOf)); // its intent is outside the shown window
            }
        }
        return b.append("</ol></section>").toString();
    }

    private static String item(AuditEvent e, Map<String, AuditEvent> outcomeOf) {
        AuditEvent end = e.outcome() != null ? e : outcomeOf.get(e.eventId());
        String what = e.eventType().equals("tool_execution") ? "tool call" : e.eventType().replace('_', ' ');
        return "<li class=\"" + esc(e.eventType()) + "\"><div class=\"node\"><b>" + esc(what) + "</b> "
                + esc(e.tool() == null ? "" : e.tool().name()) + " by " + esc(e.principal() == null ? "" : e.principal().id()) + ' '
                + status(end) + " <small>" + Html.time(e.timestamp()) + "</small>"
                + AuditPage.details(end != null && end != e ? end : e) + "</div></li>";
    }

    private static String status(AuditEvent end) {
        if (end == null || end.outcome() == null) {
            return "";
        }
        String s = end.outcome().status();
        return "<span class=\"badge " + esc(s) + "\">" + esc(s) + "</span>"
                + (end.outcome().durationMs() == null ? "" : " <small>" + end.outcome().durationMs() + " ms</small>");
    }
}
