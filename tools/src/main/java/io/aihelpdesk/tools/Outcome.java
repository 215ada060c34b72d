package io.aihelpdesk.tools;

import java.util.List;
import java.util.Map;

/**
 * How a call ended. Every door maps these the same way (MCP {@code isError}, HTTP status, A2A
 * task state) with the same message.
 */
public sealed interface Outcome {
    String tool();

    String traceId();

    long durationMs();

    /** The text a person reads, identical across doors. */
    String text();

    /** The tool ran; {@code data} is the structured result as JSON-ready maps and lists. */
    record Succeeded(String tool, String traceId, long durationMs, Map<String, Object> data, String text,
                     String target) implements Outcome {
    }

    /** The arguments were rejected before anything ran; nothing touched a target. */
    record Invalid(String tool, String traceId, long durationMs, List<Violation> violations) implements Outcome {
        public Invalid {
            violations = List.copyOf(violations);
        }

        @Override
        public String text() {
            StringBuilder s = new StringBuilder("Invalid arguments for ").append(tool).append(':');
            violations.forEach(v -> s.append("\n- ").append(v));
            return s.toString();
        }
    }

    /**
     * Policy refused the call before anything touched the target.
     *
     * @param reasons        each matching policy rule as "policy[rule]: message"
     * @param policyVersion  SHA-256 of the policy file that decided
     */
    record Denied(String tool, String traceId, long durationMs, String message, List<String> reasons,
                  String policyVersion) implements Outcome {
        public Denied {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String text() {
            return "DENIED — " + tool + ": " + message + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
        }
    }

    /** The call needs a human approval first; nothing ran yet. */
    record PendingApproval(String tool, String traceId, long durationMs, String approvalId, String message) implements Outcome {
        @Override
        public String text() {
            return "APPROVAL REQUIRED — " + tool + ": " + message + " (approval " + approvalId + ")";
        }
    }

    /** The tool ran (or tried to reach its target) and failed; the diagnosis says why. */
    record Failed(String tool, String traceId, long durationMs, Diagnosis diagnosis, String target) implements Outcome {
        @Override
        public String text() {
            return "ERROR — " + tool + " failed" + (target.isEmpty() ? "" : " for " + target) + ": " + diagnosis.render();
        }
    }
}
