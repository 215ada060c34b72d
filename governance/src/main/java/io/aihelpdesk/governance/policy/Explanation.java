package io.aihelpdesk.governance.policy;

import java.util.List;

/** How a decision was reached: every policy and rule looked at, in order, then the decision. */
public record Explanation(List<TraceStep> steps, Decision decision) {
    public Explanation {
        steps = List.copyOf(steps);
    }

    /** Plain text for the CLI, one line per step, then the decision and its reasons. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (TraceStep s : steps) {
            String where = s.ruleIndex() < 0 ? s.policy() : s.policy() + " rule " + s.ruleIndex();
            out.append(s.matched() ? "  matched  " : "  skipped  ").append(where).append(": ").append(s.why()).append('\n');
        }
        out.append("decision: ").append(decision.verdict().label());
        if (decision.dryRun()) {
            out.append(" (dry run)");
        }
        out.append(" [policy version ").append(decision.policyVersion()).append("]\n");
        for (Reason r : decision.reasons()) {
            String where = r.ruleIndex() < 0 ? r.policy() : r.policy() + " rule " + r.ruleIndex();
            out.append("  ").append(where).append(": ").append(r.message()).append('\n');
        }
        return out.toString();
    }
}
