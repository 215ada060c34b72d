package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a governed outcome becomes a task, the same way for every tool: success → {@code completed}
 * with an artifact holding the structured data and the text; pending approval → {@code input-required}
 * naming the approval id; denial → {@code rejected}; invalid arguments and failures → {@code failed}.
 * The text is {@link Outcome#text()}, word for word what MCP and REST give.
 */
final class OutcomeMapping {
    private OutcomeMapping() {
    }

    /** What a task settles to. */
    record Settled(TaskState state, List<Part> status, List<Artifact> artifacts, Map<String, Object> summary) {
    }

    static Settled of(Outcome o, String taskId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tool", o.tool());
        detail.put("trace_id", o.traceId());
        if (o instanceof Outcome.Succeeded s) {
            Artifact result = new Artifact(taskId + "-result", s.tool(), "the result of " + s.tool()
                    + (s.target().isEmpty() ? "" : " on " + s.target()), List.of(Part.data(s.data()), Part.text(s.text())));
            return new Settled(TaskState.COMPLETED, List.of(Part.text(s.tool() + " completed in " + s.durationMs() + " ms")),
                    List.of(result), Map.of("outcome", "succeeded", "tool", s.tool()));
        }
        if (o instanceof Outcome.PendingApproval p) {
            detail.put("outcome", "pending_approval");
            detail.put("approval_id", p.approvalId());
            return new Settled(TaskState.INPUT_REQUIRED, List.of(Part.text(p.text()), Part.data(detail)), List.of(),
                    Map.of("outcome", "pending_approval", "tool", p.tool(), "approval_id", p.approvalId()));
        }
        if (o instanceof Outcome.Denied d) {
            detail.put("outcome", "denied");
            detail.put("reasons", d.reasons());
            if (d.policyVersion() != null) {
                detail.put("policy_version", d.policyVersion());
            }
            return new Settled(TaskState.REJECTED, List.of(Part.text(d.text()), Part.data(detail)), List.of(),
                    Map.of("outcome", "denied", "tool", d.tool()));
        }
        if (o instanceof Outcome.Invalid i) {
            detail.put("outcome", "invalid");
            detail.put("violations", i.violations().stream().map(String::valueOf).toList());
            return new Settled(TaskState.FAILED, List.of(Part.text(i.text()), Part.data(detail)), List.of(),
                    Map.of("outcome", "invalid", "tool", i.tool()));
        }
        Outcome.Failed f = (Outcome.Failed) o;
        detail.put("outcome", "failed");
        detail.put("code", f.diagnosis().code());
        if (!f.diagnosis().sqlState().isEmpty()) {
            detail.put("sql_state", f.diagnosis().sqlState());
        }
        return new Settled(TaskState.FAILED, List.of(Part.text(f.text()), Part.data(detail)), List.of(),
                Map.of("outcome", "failed", "tool", f.tool()));
    }
}
