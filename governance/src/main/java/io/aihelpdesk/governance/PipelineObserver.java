package io.aihelpdesk.governance;

import io.aihelpdesk.governance.audit.Appended;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;

/**
 * What the {@link Pipeline} tells whoever watches it (metrics, traces, log context): a call
 * started and how it ended, each policy decision, each audit append. Governance knows nothing of
 * Micrometer or OpenTelemetry; the server implements this seam with them. Every method has a no-op
 * default, and implementations must be quick and must not throw: they run on the call's thread.
 */
public interface PipelineObserver {
    PipelineObserver NONE = new PipelineObserver() {
    };

    /**
     * A call enters the pipeline (also a tool run by another tool). The returned {@link Call} is
     * told exactly once, on this same thread, how it ended.
     */
    default Call started(Invocation call) {
        return Call.NONE;
    }

    /** The policy decided on a call whose effect is {@code effect} (read, write, destructive). */
    default void decided(String effect, Verdict verdict) {
    }

    /**
     * One event of a call was chained into the audit store, or could not be ({@code appended} null).
     *
     * @param nanos how long the append took, including waiting for durability
     */
    default void audited(long nanos, Appended appended) {
    }

    /** One observed call. */
    interface Call {
        Call NONE = ended -> {
        };

        void ended(Ended ended);
    }

    /**
     * How a call ended: its (redacted) outcome; its effect (per call, so scaling to zero is
     * destructive), null for a tool the catalog does not have; the wall time in the pipeline,
     * audit included.
     */
    record Ended(Outcome outcome, String effect, long nanos) {
        /** {@code guardrail_<name>} of a guardrail refusal, else null. */
        public String guardrail() {
            return outcome instanceof Outcome.Denied d && d.reasons().size() == 1 && d.reasons().get(0).startsWith("guardrail_")
                    ? d.reasons().get(0) : null;
        }
    }
}
