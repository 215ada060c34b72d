package io.aihelpdesk.tools;

import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.postgres.DatabaseTarget;
import java.util.Optional;

/**
 * The checkpoint between "the call is well-formed and its target is known" and "the handler runs".
 * Governance supplies it (policy, guardrails, approvals); an empty answer lets the call proceed,
 * any outcome (typically {@link Outcome.Denied} or {@link Outcome.PendingApproval}) ends it there.
 */
@FunctionalInterface
public interface Gate {
    /** Lets every call through: only for tests and tools that run outside any governance. */
    Gate OPEN = admission -> Optional.empty();

    Optional<Outcome> admit(Admission admission);

    /**
     * Asked by a tool through {@link ToolContext#limitBlastRadius} after it has computed what it
     * would change and before it changes anything: may one call affect {@code count} {@code unit}s
     * (e.g. "sessions", "pods", "rows")? Empty to proceed, or the refusal message naming the limit
     * and the numbers. Guardrails supply the limits; by default nothing is limited.
     */
    default Optional<String> limitBlastRadius(Admission admission, String unit, long count) {
        return Optional.empty();
    }

    /**
     * What a gate decides on: the tool (name, effect), the call (caller, trace id, door), the bound
     * parameters and the resolved target: {@code database} for database tools, {@code kubernetes} for
     * Kubernetes tools (context, namespace, inventory tags), null otherwise. {@code commands}
     * fills with the statements the handler sends (SQL text, never bound values) as it runs.
     */
    record Admission(ToolDefinition<?, ?> tool, Invocation invocation, Record params, DatabaseTarget database,
                     KubernetesTarget kubernetes, java.util.List<String> commands) {
        /** The effect of this call (a tool may be destructive for some parameters only); policy and audit use it. */
        public io.aihelpdesk.tools.Effect effect() {
            return tool.effectFor(params);
        }
    }
}
