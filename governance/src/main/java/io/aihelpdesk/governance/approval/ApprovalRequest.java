package io.aihelpdesk.governance.approval;

import io.aihelpdesk.governance.policy.ApprovalTerms;
import io.aihelpdesk.governance.policy.Principal;

/**
 * What a new approval is for: one call (trace, tool, action class, resource, arguments hash), who
 * asks, the policy that asks for it and its terms, and an optional {@code callbackUrl} for the result.
 */
public record ApprovalRequest(String traceId, String tool, String actionClass, String resource, String argumentsHash,
                              Principal requester, String policyName, String message, ApprovalTerms terms,
                              String callbackUrl) {
}
