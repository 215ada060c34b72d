package io.aihelpdesk.governance.guardrail;

import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import java.util.List;

/**
 * A guardrail's refusal: which guardrail (its stable code {@code guardrail_<name>}), what it saw
 * against what limit, and what to do. Every guardrail refusal ends the call as {@link Outcome.Denied}
 * whose single reason is the code, so doors, the audit and the compliance report treat it as a denial.
 */
record Refusal(String guardrail, String message, String hint) {
    static final String PREFIX = "guardrail_";

    String code() {
        return PREFIX + guardrail;
    }

    /** {@code <guardrail> guardrail: <what and numbers> — <what to do>}. */
    String text() {
        return guardrail + " guardrail: " + message + " — " + hint;
    }

    Outcome.Denied outcome(Invocation call, long durationMs, String policyVersion) {
        return new Outcome.Denied(call.tool(), call.traceId(), durationMs, text(), List.of(code()),
                policyVersion == null ? "" : policyVersion);
    }
}
