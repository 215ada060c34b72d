package io.aihelpdesk.governance.policy;

/**
 * A rule's conditions. Null limits and a null schedule mean "no such condition". The approval
 * terms (quorum, approvers, validity) are carried for the approval service; the policy engine itself
 * does not count approvers.
 */
record Conditions(boolean requireApproval, int approvalQuorum, Integer maxRowsAffected, Integer maxPodsAffected,
                  Schedule schedule, ApprovalTerms approval) {
    static final Conditions NONE = new Conditions(false, 1, null, null, null, ApprovalTerms.DEFAULT);
}
