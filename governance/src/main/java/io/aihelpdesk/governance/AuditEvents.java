package io.aihelpdesk.governance;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.policy.Decision;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the audit events of one call; every parameter and text is redacted before it is chained. */
final class AuditEvents {
    private static final int RESULT_CHARS = 500;
    private final Invocation call;
    private final Redactor redactor;
    private final String actionClass;

    AuditEvents(Invocation call, Redactor redactor, String actionClass) {
        this.call = call;
        this.redactor = redactor;
        this.actionClass = actionClass;
    }

    private AuditEvent base(String type) {
        var c = call.caller();
        return AuditEvent.of(type).withTrace(call.traceId(), null).withActionClass(actionClass)
                .withSession(new AuditEvent.Session(null, c.id()))
                .withPrincipal(new AuditEvent.Principal(c.id(), c.kind(), c.roles()));
    }

    private AuditEvent.Tool tool(String result, String error, Long durationMs) {
        return tool(null, result, error, durationMs);
    }

    private AuditEvent.Tool tool(String rawCommand, String result, String error, Long durationMs) {
        return new AuditEvent.Tool(call.tool(), "aihelpdesk/" + call.door(), redactor.map(call.arguments()), rawCommand,
                result, error, durationMs);
    }

    AuditEvent decision(Decision d) {
        return base("policy_decision").withTool(tool(null, null, null)).withDecision(decisionMap(d));
    }

    /** The intent, chained before the handler runs. */
    AuditEvent intent(Decision d) {
        AuditEvent e = base("tool_execution").withTool(tool(null, null, null));
        return d == null ? e : e.withDecision(decisionMap(d));
    }

    /** The outcome of a call that ran, chained as its own event under the intent. */
    AuditEvent outcome(AuditEvent intent, Outcome o, String rawCommand) {
        String raw = rawCommand == null || rawCommand.isEmpty() ? null
                : rawCommand.length() <= 4000 ? rawCommand : rawCommand.substring(0, 3999) + "…";
        return AuditEvent.outcomeOf(intent, status(o)).withTool(tool(raw, result(o), error(o), o.durationMs()));
    }

    /** A call stopped before its handler ran (invalid, target refused, denied): one event with its outcome. */
    AuditEvent stopped(Outcome o) {
        return base("tool_execution").withTool(tool(null, error(o), o.durationMs())).withOutcome(status(o));
    }

    private AuditEvent.Outcome status(Outcome o) {
        String status = o instanceof Outcome.Succeeded ? "success" : o instanceof Outcome.Invalid ? "invalid"
                : o instanceof Outcome.Denied ? "denied" : o instanceof Outcome.PendingApproval ? "pending_approval" : "error";
        return new AuditEvent.Outcome(status, error(o), o.durationMs(), verified(o));
    }

    /** Whether a remediation tool saw its change take effect (its {@code verified} field); null for other tools. */
    private static Boolean verified(Outcome o) {
        return o instanceof Outcome.Succeeded s && s.data().get("verified") instanceof Boolean b ? b : null;
    }

    private String result(Outcome o) {
        if (!(o instanceof Outcome.Succeeded)) {
            return null;
        }
        String text = o.text();
        return text.length() <= RESULT_CHARS ? text : text.substring(0, RESULT_CHARS - 1) + "…";
    }

    private String error(Outcome o) {
        return o instanceof Outcome.Succeeded ? null : redactor.text(o.text());
    }

    static Map<String, Object> decisionMap(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("effect", d.verdict().label());
        List<Map<String, Object>> reasons = d.reasons().stream().map(r -> {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("policy", r.policy());
            reason.put("rule", r.ruleIndex());
            reason.put("message", r.message());
            return reason;
        }).toList();
        m.put("reasons", reasons);
        m.put("policy_version", d.policyVersion());
        m.put("dry_run", d.dryRun());
        return m;
    }
}
