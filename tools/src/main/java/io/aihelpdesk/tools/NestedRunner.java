package io.aihelpdesk.tools;

/**
 * Runs a tool call that another tool makes through {@link ToolContext#call}. Governance supplies
 * its pipeline here, so a nested call is validated, policy-checked and audited as its own event,
 * exactly like a call from a door. Without governance the {@link Invoker} runs it itself.
 */
@FunctionalInterface
public interface NestedRunner {
    Outcome run(Invocation call);
}
