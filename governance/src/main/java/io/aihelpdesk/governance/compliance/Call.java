package io.aihelpdesk.governance.compliance;

import java.time.Instant;
import java.util.List;

/**
 * One tool call as the audit chain tells it.
 *
 * @param outcome   success, denied, invalid, error, pending_approval, or unfinished (no outcome recorded in the period)
 * @param reason    the denial or error text, null on success
 * @param approvals the approval chain of the call's trace (WRITE/DESTRUCTIVE calls), oldest first
 * @param verified  whether the change was verified afterwards (remediation tools); null when not reported
 */
public record Call(Instant at, String traceId, String tool, String principal, String actionClass, String target,
                   String outcome, String reason, List<ApprovalStep> approvals, Boolean verified) {
    public Call {
        approvals = List.copyOf(approvals);
    }

    /** The approval chain in one word: the last decision's status, {@code pending} when only requested, else {@code none}. */
    public String approval() {
        for (int i = approvals.size() - 1; i >= 0; i--) {
            if (approvals.get(i).status() != null && approvals.get(i).event().equals(AuditLog.DECIDED)) {
                return approvals.get(i).status();
            }
        }
        return approvals.isEmpty() ? "none" : "pending";
    }

    /** Distinct approvers in order, e.g. {@code carol, dave}. */
    public String approvers() {
        return String.join(", ", approvals.stream().map(ApprovalStep::approver).filter(a -> a != null && !a.isEmpty())
                .distinct().toList());
    }

    public boolean isChange() {
        return "write".equals(actionClass) || "destructive".equals(actionClass);
    }
}
