package io.aihelpdesk.governance.compliance;

import java.time.Instant;

/**
 * One event of a call's approval chain, as the approval service audits it under the call's trace:
 * {@code approval_requested}, then {@code approval_decided} with its status (approved, denied,
 * expired, cancelled, auto_approved, emergency), approver, reason and quorum.
 */
public record ApprovalStep(Instant at, String event, String approvalId, String status, String approver, String reason,
                           String quorum) {
}
