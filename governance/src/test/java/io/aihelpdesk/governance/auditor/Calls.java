package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built audit events with fixed ids and timestamps, shaped like the pipeline's. */
final class Calls {
    /** A Monday, 10:00 UTC — inside working hours. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private Calls() {
    }

    static AuditEvent at(String id, Instant ts, AuditEvent e) {
        return new AuditEvent(id, ts, e.eventType(), e.traceId(), e.parentId(), e.actionClass(), e.session(),
                e.principal(), e.tool(), e.decision(), e.outcome(), null, null);
    }

    static AuditEvent intent(String id, Instant ts, String trace, String principal, String tool, String actionClass,
            Map<String, Object> params) {
        return at(id, ts, AuditEvent.of("tool_execution").withTrace(trace, null).withActionClass(actionClass)
                .withPrincipal(new AuditEvent.Principal(principal, "user", List.of()))
                .withTool(new AuditEvent.Tool(tool, "aihelpdesk/mcp", params, null, null, null, null)));
    }

    static AuditEvent read(String id, Instant ts) {
        return intent(id, ts, "tr_" + id, "alice", "get_pods", "read", Map.of("namespace", id));
    }

    static AuditEvent outcome(String id, Instant ts, AuditEvent intent, String agent, String status, long ms) {
        String error = "success".equals(status) ? null : "connection refused";
        return at(id, ts, AuditEvent.outcomeOf(intent, new AuditEvent.Outcome(status, error, ms))
                .withTool(new AuditEvent.Tool(intent.tool().name(), agent, intent.tool().parameters(), null,
                        error == null ? "ok" : null, error, ms)));
    }

    static AuditEvent decision(String id, Instant ts, String trace, String tool, String effect) {
        return at(id, ts, AuditEvent.of("policy_decision").withTrace(trace, null).withActionClass("destructive")
                .withPrincipal(new AuditEvent.Principal("mallory", "user", List.of()))
                .withTool(new AuditEvent.Tool(tool, "aihelpdesk/mcp", Map.of(), null, null, null, null))
                .withDecision(Map.of("effect", effect, "reasons", List.of(Map.of("policy", "prod", "rule", 0,
                        "message", "no drops in prod")))));
    }

    static AuditEvent stopped(String id, Instant ts, String trace, String tool, String status) {
        return at(id, ts, AuditEvent.of("tool_execution").withTrace(trace, null).withActionClass("destructive")
                .withPrincipal(new AuditEvent.Principal("mallory", "user", List.of()))
                .withTool(new AuditEvent.Tool(tool, "aihelpdesk/mcp", Map.of(), null, null, "denied by policy", 0L))
                .withOutcome(new AuditEvent.Outcome(status, "denied by policy prod", 0L)));
    }

    static AuditEvent decided(String id, Instant ts, String trace, String status) {
        return at(id, ts, AuditEvent.of("approval_decided").withTrace(trace, null)
                .withDecision(Map.of("approval_id", "apr_1", "status", status, "approver", "bob", "quorum", 1)));
    }

    static AuditEvent approval(String id, Instant ts, String trace, String status) {
        return at(id, ts, AuditEvent.of("approval_resolved").withTrace(trace, null)
                .withDecision(Map.of("status", status, "approver", "bob")));
    }
}
