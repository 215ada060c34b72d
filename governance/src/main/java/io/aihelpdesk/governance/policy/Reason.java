package io.aihelpdesk.governance.policy;

/**
 * Why a decision came out as it did: the policy and rule that decided (rule index -1 when no rule
 * did, e.g. the default) and a message for the caller.
 */
public record Reason(String policy, int ruleIndex, String message) {
}
