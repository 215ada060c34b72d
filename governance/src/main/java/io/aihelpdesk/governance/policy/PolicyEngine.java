package io.aihelpdesk.governance.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates requests against one policy file. Policies are tried by priority, highest first, ties
 * in file order; the first policy whose principals and resources fit, and that has a rule for the
 * action active at the request's time, decides. If none does, {@code defaultVerdict} applies
 * (deny is the safe choice once a policy file is configured). Immutable and thread-safe.
 */
public final class PolicyEngine {
    static final String DEFAULT_POLICY = "default";
    private final PolicyFile file;
    private final List<Policy> ordered;
    private final Verdict defaultVerdict;
    private final boolean dryRun;

    /**
     * @param dryRun when true every decision is {@link Verdict#ALLOW} with {@code dryRun=true}, and each
     *               reason says what the verdict would have been; for trying a new policy file safely
     */
    public PolicyEngine(PolicyFile file, Verdict defaultVerdict, boolean dryRun) {
        this.file = Objects.requireNonNull(file, "file");
        this.defaultVerdict = Objects.requireNonNull(defaultVerdict, "defaultVerdict");
        this.dryRun = dryRun;
        this.ordered = file.policies().stream()
                .sorted(Comparator.comparingInt(Policy::priority).reversed().thenComparingInt(Policy::order))
                .toList();
    }

    /** The hex SHA-256 of the policy file in force. */
    public String version() {
        return file.version();
    }

    /** The hard limits of the policy file in force (its {@code guardrails} section). */
    public GuardrailSettings guardrails() {
        return file.guardrails();
    }

    public Decision evaluate(PolicyRequest request) {
        return explain(request).decision();
    }

    /** The decision plus every policy and rule considered on the way, with why each was skipped. */
    public Explanation explain(PolicyRequest request) {
        List<TraceStep> steps = new ArrayList<>();
        for (Policy policy : ordered) {
            Decision d = consider(policy, request, steps);
            if (d != null) {
                return new Explanation(steps, finish(d));
            }
        }
        steps.add(new TraceStep(DEFAULT_POLICY, -1, true, "no matching policy; default is " + defaultVerdict.label()));
        Decision d = new Decision(defaultVerdict, List.of(new Reason(DEFAULT_POLICY, -1, "no matching policy")),
                file.version(), false);
        return new Explanation(steps, finish(d));
    }

    /**
     * The approval terms of the rule a decision names (its first reason), for {@code require_approval}
     * decisions; the defaults (quorum 1, any identified approver) when the reason names no rule.
     */
    public ApprovalTerms approvalTerms(Decision decision) {
        if (decision.reasons().isEmpty()) {
            return ApprovalTerms.DEFAULT;
        }
        Reason r = decision.reasons().get(0);
        for (Policy policy : ordered) {
            if (policy.name().equals(r.policy())) {
                for (Rule rule : policy.rules()) {
                    if (rule.index() == r.ruleIndex()) {
                        return rule.conditions().approval();
                    }
                }
            }
        }
        return ApprovalTerms.DEFAULT;
    }

    private Decision consider(Policy policy, PolicyRequest request, List<TraceStep> steps) {
        String why = policy.mismatch(request);
        if (why != null) {
            steps.add(new TraceStep(policy.name(), -1, false, why));
            return null;
        }
        steps.add(new TraceStep(policy.name(), -1, true, "principal and resource match"));
        for (Rule rule : policy.rules()) {
            why = rule.mismatch(request);
            if (why != null) {
                steps.add(new TraceStep(policy.name(), rule.index(), false, why));
                continue;
            }
            Decision d = rule.decide(policy.name(), request, file.version());
            steps.add(new TraceStep(policy.name(), rule.index(), true, d.verdict().label()));
            return d;
        }
        steps.add(new TraceStep(policy.name(), -1, false, "no rule for action " + request.action().label()
                + " at this time; trying the next policy"));
        return null;
    }

    private Decision finish(Decision d) {
        if (!dryRun) {
            return d;
        }
        String prefix = "[DRY RUN] would have been " + d.verdict().label() + ": ";
        List<Reason> reasons = d.reasons().stream()
                .map(r -> new Reason(r.policy(), r.ruleIndex(), prefix + r.message()))
                .toList();
        return new Decision(Verdict.ALLOW, reasons, d.policyVersion(), true);
    }
}
