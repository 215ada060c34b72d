package io.aihelpdesk.governance.policy;

/**
 * One step of an explanation: a policy (rule index -1) or one of its rules, whether it matched,
 * and why (for a skip: what did not fit).
 */
public record TraceStep(String policy, int ruleIndex, boolean matched, String why) {
}
