/**
 * Governance: the one enforcement pipeline every tool call goes through (identify, resolve target,
 * classify, policy, guardrails and approvals, execute, redact, audit). Sub-packages by capability:
 * {@code policy} (the policy engine), {@code audit} (tamper-evident audit chain and stores).
 */
package io.aihelpdesk.governance;
