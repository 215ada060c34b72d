package io.aihelpdesk.governance.policy;

import java.util.List;
import java.util.Set;

/** One rule of a policy, at its index in the file. */
record Rule(int index, Set<Action> actions, Verdict effect, String message, Conditions conditions) {

    /** Null when this rule applies to the request, else why not. */
    String mismatch(PolicyRequest r) {
        if (!actions.contains(r.action())) {
            return "action " + r.action().label() + " does not match rule actions "
                    + actions.stream().sorted().map(Action::label).toList();
        }
        Schedule s = conditions.schedule();
        if (s != null && !s.activeAt(r.at())) {
            return "schedule inactive: " + s.inactiveBecause(r.at());
        }
        return null;
    }

    /** The decision of this rule for a request it applies to: limits first, then approval, then the effect. */
    Decision decide(String policy, PolicyRequest r, String version) {
        Integer max = conditions.maxRowsAffected();
        if (max != null && r.rowsAffected() != null && r.rowsAffected() > max) {
            return deny(policy, r.rowsAffected() + " rows affected exceeds max_rows_affected " + max
                    + "; narrow the statement or raise the limit in the policy", version);
        }
        max = conditions.maxPodsAffected();
        if (max != null && r.podsAffected() != null && r.podsAffected() > max) {
            return deny(policy, r.podsAffected() + " pods affected exceeds max_pods_affected " + max
                    + "; target fewer pods or raise the limit in the policy", version);
        }
        Verdict v = effect == Verdict.ALLOW && conditions.requireApproval() ? Verdict.REQUIRE_APPROVAL : effect;
        String text = message != null ? message : defaultMessage(v, policy);
        return new Decision(v, List.of(new Reason(policy, index, text)), version, false);
    }

    private Decision deny(String policy, String text, String version) {
        return new Decision(Verdict.DENY, List.of(new Reason(policy, index, text)), version, false);
    }

    private String defaultMessage(Verdict v, String policy) {
        String verb = switch (v) {
            case ALLOW -> "allowed";
            case DENY -> "denied";
            case REQUIRE_APPROVAL -> "approval required (quorum " + conditions.approvalQuorum() + ")";
        };
        return verb + " by policy " + policy + " rule " + index;
    }
}
