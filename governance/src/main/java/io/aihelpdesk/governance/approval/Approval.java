package io.aihelpdesk.governance.approval;

import java.time.Instant;
import java.util.List;

/**
 * One request for human approval of one call. It matches exactly one call: the tool, the resource
 * ({@code database:prod}, {@code kubernetes:ctx/ns}, {@code host:name}) and the SHA-256 of the
 * call's canonical arguments, under one trace id; an approval is never valid for another call.
 *
 * @param approvers       who may approve, as the policy lists them ({@code role:dba}); empty = any identified principal
 * @param breakGlass      who may declare an emergency; empty = nobody
 * @param votes           approvals and denials so far, one per distinct principal
 * @param validUntil      once granted: until when the same trace may re-run the same call under it
 * @param resolvedBy      who closed the request (the last approver, the denier, the canceller, {@code system})
 * @param callbackUrl     where the resolution is POSTed, or null
 * @param version         optimistic-locking counter of the stored row
 */
public record Approval(String id, ApprovalStatus status, String traceId, String tool, String actionClass, String resource,
                       String argumentsHash, String requestedBy, List<String> requesterRoles, String policyName,
                       String message, int quorum, List<String> approvers, List<String> breakGlass, List<Vote> votes,
                       Instant createdAt, Instant expiresAt, int validMinutes, Instant validUntil, String resolvedBy,
                       Instant resolvedAt, String resolutionReason, String callbackUrl, boolean elicitation, long version) {
    public Approval {
        requesterRoles = List.copyOf(requesterRoles);
        approvers = List.copyOf(approvers);
        breakGlass = List.copyOf(breakGlass);
        votes = List.copyOf(votes);
    }

    public long approvals() {
        return votes.stream().filter(v -> v.decision().equals("approved")).count();
    }

    /** A copy with another status, resolution and votes; the store bumps the version. */
    Approval resolved(ApprovalStatus s, List<Vote> v, String by, Instant at, String reason, Instant until) {
        return new Approval(id, s, traceId, tool, actionClass, resource, argumentsHash, requestedBy, requesterRoles,
                policyName, message, quorum, approvers, breakGlass, v, createdAt, expiresAt, validMinutes, until, by, at,
                reason, callbackUrl, elicitation, version);
    }

    /** The policy terms this request was created under (who approves, quorum, break glass, validity). */
    public io.aihelpdesk.governance.policy.ApprovalTerms terms() {
        return new io.aihelpdesk.governance.policy.ApprovalTerms(quorum, approvers, breakGlass,
                (int) Math.max(1, java.time.Duration.between(createdAt, expiresAt).toMinutes()), validMinutes, elicitation);
    }

    /** Whether a call may run under this approval at {@code now}. */
    public boolean grantsAt(Instant now) {
        return status.grants() && (validUntil == null || now.isBefore(validUntil));
    }
}
