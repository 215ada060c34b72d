package io.aihelpdesk.governance.policy;

/**
 * A rule's conditions. Null limits and a null schedule mean "no such condition". The approval
 * quorum is carried for the approval service; the policy engine itself does not count approvers.
 */
record Conditions(boolean requireApproval, int approvalQuorum, Integer maxRowsAffected, Integer maxPodsAffected,
                  Schedule schedule) {
    static final Conditions NONE = new Conditions(false, 1, null, null, null);
}
