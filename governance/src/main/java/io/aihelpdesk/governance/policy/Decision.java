package io.aihelpdesk.governance.policy;

import java.util.List;

/**
 * The outcome of evaluating a request: the verdict, why, and which policy file (by SHA-256) decided.
 * In dry-run mode the verdict is always {@link Verdict#ALLOW} and the reasons say what would have happened.
 */
public record Decision(Verdict verdict, List<Reason> reasons, String policyVersion, boolean dryRun) {
    public Decision {
        reasons = List.copyOf(reasons);
    }
}
