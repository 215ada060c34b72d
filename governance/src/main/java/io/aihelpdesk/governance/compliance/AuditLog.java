package io.aihelpdesk.governance.compliance;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the audit events of a period once, in chain order, and rebuilds what happened: each
 * {@code tool_execution} is one call, ended either in the same event (stopped before its handler)
 * or by the {@code outcome} event whose parent it is; approval events join their call by trace id;
 * policy decisions name the policy versions in force.
 */
final class AuditLog {
    static final String REQUESTED = "approval_requested";
    static final String DECIDED = "approval_decided";
    /** How remediation outcomes report verification when it is only in the result text. */

    private final Map<String, Draft> calls = new LinkedHashMap<>();
    private final Map<String, Draft> byIntent = new LinkedHashMap<>();
    private final Map<String, List<Step>> approvals = new LinkedHashMap<>();
    private final Map<String, PolicyVersion> versions = new LinkedHashMap<>();

    /** An approval step and the tool its event names (null when it names none). */
    private record Step(String tool, ApprovalStep step) {
    }

    /** A call being rebuilt: its intent (or stopped) event, and its outcome event once seen. */
    private static final class Draft {
        final AuditEvent execution;
        AuditEvent outcome;

        Draft(AuditEvent execution) {
            this.execution = execution;
        }
    }

    static AuditLog read(AuditStore store, Instant from, Instant to) {
        AuditLog log = new AuditLog();
        AuditQuery q = AuditQuery.all().between(from, to).limit(AuditQuery.MAX_LIMIT);
        while (q != null) {
            List<AuditEvent> page = store.query(q);
            page.forEach(log::accept);
            q = q.next(page);
        }
        log.outcomesAfter(store, to);
        return log;
    }

    /** A call that started in the period and ended after it still gets its outcome (looked up by trace, indexed). */
    private void outcomesAfter(AuditStore store, Instant to) {
        for (Draft d : calls.values()) {
            if (d.execution.outcome() == null && d.outcome == null && d.execution.traceId() != null) {
                AuditQuery q = AuditQuery.all().trace(d.execution.traceId()).type("outcome").between(to, null)
                        .limit(AuditQuery.MAX_LIMIT);
                while (q != null && d.outcome == null) {
                    List<AuditEvent> page = store.query(q);
                    page.stream().filter(e -> d.execution.eventId().equals(e.parentId())).findFirst().ifPresent(e -> d.outcome = e);
                    q = q.next(page);
                }
            }
        }
    }

    private void accept(AuditEvent e) {
        switch (e.eventType()) {
            case "tool_execution" -> {
                Draft d = new Draft(e);
                calls.put(e.eventId(), d);
                byIntent.put(e.eventId(), d);
            }
            case "outcome" -> {
                Draft d = e.parentId() == null ? null : byIntent.get(e.parentId());
                if (d != null) {
                    d.outcome = e;
                }
            }
            case REQUESTED, DECIDED -> approvals.computeIfAbsent(String.valueOf(e.traceId()), k -> new ArrayList<>())
                    .add(new Step(e.tool() == null ? null : e.tool().name(), step(e)));
            case "policy_decision" -> version(e);
            default -> {
                // other event types (gateway requests, delegation) are not part of the report
            }
        }
    }

    private void version(AuditEvent e) {
        Object v = e.decision() == null ? null : e.decision().get("policy_version");
        if (v == null) {
            return;
        }
        versions.merge(v.toString(), new PolicyVersion(v.toString(), e.timestamp(), e.timestamp(), 1),
                (a, b) -> new PolicyVersion(a.version(), a.firstSeen(), b.lastSeen(), a.decisions() + 1));
    }

    private static ApprovalStep step(AuditEvent e) {
        Map<String, Object> d = e.decision() == null ? Map.of() : e.decision();
        return new ApprovalStep(e.timestamp(), e.eventType(), text(d.get("approval_id")), text(d.get("status")),
                text(d.get("approver")), text(d.get("reason")), text(d.get("quorum")));
    }

    List<Call> calls() {
        List<Call> out = new ArrayList<>(calls.size());
        for (Draft d : calls.values()) {
            AuditEvent x = d.execution;
            AuditEvent end = x.outcome() != null ? x : d.outcome;
            String status = end == null ? "unfinished" : end.outcome().status();
            String tool = x.tool() == null ? "" : x.tool().name();
            List<ApprovalStep> chain = approvals.getOrDefault(String.valueOf(x.traceId()), List.of()).stream()
                    .filter(s -> s.tool() == null || s.tool().equals(tool)).map(Step::step).toList();
            out.add(new Call(x.timestamp(), x.traceId(), tool, x.principal() == null ? "" : x.principal().id(),
                    x.actionClass() == null ? "" : x.actionClass(), target(x), status,
                    end == null ? null : end.outcome().errorMessage(), chain, verified(d.outcome)));
        }
        return out;
    }

    List<PolicyVersion> versions() {
        return List.copyOf(versions.values());
    }

    /**
     * What the call acted on, from its audited arguments: the database (connection_string, an
     * inventory name or a DSN without password), or the Kubernetes context/namespace; "-" for the host.
     */
    static String target(AuditEvent e) {
        Map<String, Object> p = e.tool() == null || e.tool().parameters() == null ? Map.of() : e.tool().parameters();
        if (p.get("connection_string") != null) {
            return p.get("connection_string").toString();
        }
        if (p.get("context") != null || p.get("namespace") != null) {
            return text(p.getOrDefault("context", "")) + "/" + text(p.getOrDefault("namespace", "*"));
        }
        return "-";
    }

    /** The {@code verified} flag of a remediation outcome, as the pipeline chained it; null for other tools. */
    static Boolean verified(AuditEvent outcome) {
        return outcome == null || outcome.outcome() == null ? null : outcome.outcome().verified();
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
