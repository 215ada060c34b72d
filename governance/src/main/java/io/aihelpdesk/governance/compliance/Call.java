package io.aihelpdesk.governance.compliance;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** The stable code a guardrail refusal ends with, e.g. {@code (guardrail_rate_limit)}. */
    private static final Pattern GUARDRAIL = Pattern.compile("\\((guardrail_[a-z_]+)\\)\\s*$");

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

    /** Why a denied call was refused: {@code guardrail_<name>} when a guardrail refused it, else {@code policy}. */
    public String denialCause() {
        Matcher m = reason == null ? null : GUARDRAIL.matcher(reason);
        return m != null && m.find() ? m.group(1) : "policy";
    }

    public boolean isChange() {
        return "write".equals(actionClass) || "destructive".equals(actionClass);
    }
}
