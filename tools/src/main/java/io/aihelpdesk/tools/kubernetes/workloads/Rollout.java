package io.aihelpdesk.tools.kubernetes.workloads;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;

/**
 * A workload's rollout state, decided the way {@code kubectl rollout status} decides it:
 * {@code scaled_to_zero} (nothing desired), {@code stalled} (the Deployment's Progressing condition
 * says ProgressDeadlineExceeded), {@code progressing} (the controller has not observed the latest
 * spec, or updated/ready/available replicas lag behind), else {@code complete}.
 */
final class Rollout {
    static final String COMPLETE = "complete";
    static final String PROGRESSING = "progressing";
    static final String STALLED = "stalled";
    static final String SCALED_TO_ZERO = "scaled_to_zero";

    private Rollout() {
    }

    static String of(Deployment d) {
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        if (desired == 0) {
            return SCALED_TO_ZERO;
        }
        DeploymentStatus s = d.getStatus();
        if (s == null) {
            return PROGRESSING;
        }
        boolean deadline = s.getConditions().stream().anyMatch(Rollout::deadlineExceeded);
        if (deadline) {
            return STALLED;
        }
        if (behind(d.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return PROGRESSING;
        }
        int updated = n(s.getUpdatedReplicas());
        boolean done = updated >= desired && n(s.getReplicas()) <= updated && n(s.getAvailableReplicas()) >= updated;
        return done ? COMPLETE : PROGRESSING;
    }

    static String of(StatefulSet st) {
        int desired = st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
        if (desired == 0) {
            return SCALED_TO_ZERO;
        }
        StatefulSetStatus s = st.getStatus();
        if (s == null || behind(st.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return PROGRESSING;
        }
        boolean revisionDone = s.getUpdateRevision() == null || Objects.equals(s.getCurrentRevision(), s.getUpdateRevision())
                || n(s.getUpdatedReplicas()) >= desired;
        return revisionDone && n(s.getReadyReplicas()) >= desired ? COMPLETE : PROGRESSING;
    }

    /** The message of a stalled Deployment's Progressing condition, else null. */
    static String stallReason(Deployment d) {
        return d.getStatus() == null ? null : d.getStatus().getConditions().stream().filter(Rollout::deadlineExceeded)
                .map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())).findFirst().orElse(null);
    }

    private static boolean deadlineExceeded(DeploymentCondition c) {
        return "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason());
    }

    private static boolean behind(Long generation, Long observed) {
        return generation != null && (observed == null || observed < generation);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
