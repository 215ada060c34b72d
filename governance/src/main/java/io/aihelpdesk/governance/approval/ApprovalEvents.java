package io.aihelpdesk.governance.approval;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.policy.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit events of the approval workflow, under the trace of the call they are about:
 * {@code approval_requested} and {@code approval_decided}, whose decision map carries
 * {@code approval_id}, {@code status}, {@code approver}, {@code reason}, {@code quorum} (plus
 * {@code approvals}, {@code approved_by}, {@code resource}, and {@code via} for a vote's channel).
 */
final class ApprovalEvents {
    private ApprovalEvents() {
    }

    static AuditEvent of(String type, Approval a, Principal who, Vote vote) {
        String approver = vote != null ? vote.principal() : a.status() == ApprovalStatus.PENDING ? null : a.resolvedBy();
        String reason = vote != null ? vote.reason() : a.status() == ApprovalStatus.PENDING ? a.message() : a.resolutionReason();
        Map<String, Object> d = decisionMap(a.id(), a.status(), approver, reason, a.quorum());
        d.put("approvals", a.approvals());
        d.put("approved_by", a.votes().stream().filter(v -> v.decision().equals("approved")).map(Vote::principal).toList());
        d.put("resource", a.resource());
        if (type.equals("approval_requested")) {
            d.put("approvers", a.approvers());
            d.put("expires_at", a.expiresAt().toString());
            d.put("policy", a.policyName());
        }
        if (vote != null && vote.via() != null) {
            d.put("via", vote.via());
        }
        return base(type, a.traceId(), a.tool(), a.actionClass(), who).withDecision(d);
    }

    private static Map<String, Object> decisionMap(String id, ApprovalStatus s, String approver, String reason, int quorum) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("approval_id", id);
        d.put("status", s.label());
        d.put("approver", approver);
        d.put("reason", reason);
        d.put("quorum", quorum);
        return d;
    }

    private static AuditEvent base(String type, String traceId, String tool, String actionClass, Principal who) {
        return AuditEvent.of(type).withTrace(traceId, null).withActionClass(actionClass)
                .withSession(new AuditEvent.Session(null, who.id()))
                .withPrincipal(new AuditEvent.Principal(who.id(), who.kind(), who.roles()))
                .withTool(new AuditEvent.Tool(tool, "aihelpdesk/approvals", null, null, null, null, null));
    }

    /** The policy allowed a change without asking anyone. */
    static AuditEvent autoApproved(String traceId, String tool, String actionClass, Principal who, String policy) {
        return base("approval_decided", traceId, tool, actionClass, who)
                .withDecision(decisionMap(null, ApprovalStatus.AUTO_APPROVED, "policy", "allowed by " + policy, 0));
    }
}
