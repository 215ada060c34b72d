package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code destructive_without_approval}: a destructive tool about to run (an intent, i.e. a
 * {@code tool_execution} without an outcome) whose trace holds no approved {@code approval_decided}
 * (or the original's {@code approval_resolved}) event; break glass and policy auto-approvals do not
 * count, so they are alerted too. {@code denied_call}: a policy denial, reported once per trace (the denied call's own
 * stopped event is not reported again).
 */
final class ApprovalRule implements Rule {
    private static final int TRACES = 10_000;
    private static final Set<String> APPROVED = Set.of("approved", "approve", "allow", "granted");
    private final Map<String, Boolean> approved = new BoundedMap<>(TRACES);
    private final Map<String, Boolean> denied = new BoundedMap<>(TRACES);

    @Override
    public void check(AuditEvent e, List<Alert> out) {
        switch (e.eventType()) {
            case "approval_resolved", "approval_decided" -> {
                if (e.traceId() != null && approves(e.decision())) {
                    approved.put(e.traceId(), true);
                }
            }
            case "policy_decision" -> {
                if (e.decision() != null && "deny".equals(e.decision().get("effect"))) {
                    denied(e, out);
                }
            }
            case "tool_execution" -> {
                if (e.outcome() != null && "denied".equals(e.outcome().status())) {
                    denied(e, out);
                } else if (e.outcome() == null && "destructive".equals(e.actionClass())
                        && (e.traceId() == null || !approved.containsKey(e.traceId()))) {
                    out.add(Rule.alert(e, Alert.Level.CRITICAL, "destructive_without_approval", "destructive tool "
                            + Rule.toolName(e) + " is running for " + principal(e) + " without an approval in trace "
                            + e.traceId() + " — check the policy requires approval for destructive actions",
                            Map.of("tool", String.valueOf(Rule.toolName(e)), "principal", principal(e))));
                }
            }
            default -> {
            }
        }
    }

    private void denied(AuditEvent e, List<Alert> out) {
        if (e.traceId() != null && denied.put(e.traceId(), true) != null) {
            return;
        }
        String why = e.outcome() != null && e.outcome().errorMessage() != null ? e.outcome().errorMessage()
                : reasons(e.decision());
        out.add(Rule.alert(e, Alert.Level.WARN, "denied_call", "call to " + Rule.toolName(e) + " by " + principal(e)
                + " was denied: " + why, Map.of("tool", String.valueOf(Rule.toolName(e)), "principal", principal(e))));
    }

    private static boolean approves(Map<String, Object> decision) {
        if (decision == null) {
            return false;
        }
        return Boolean.TRUE.equals(decision.get("approved")) || named(decision.get("status"))
                || named(decision.get("effect"));
    }

    private static boolean named(Object value) {
        return value instanceof String s && APPROVED.contains(s);
    }

    private static String reasons(Map<String, Object> decision) {
        Object reasons = decision == null ? null : decision.get("reasons");
        return reasons == null ? "no reason recorded" : reasons.toString();
    }

    static String principal(AuditEvent e) {
        return e.principal() != null && e.principal().id() != null ? e.principal().id() : "unknown principal";
    }
}
