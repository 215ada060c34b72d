package io.aihelpdesk.tools.kubernetes.workloads;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.kubernetes.Age;
import io.aihelpdesk.tools.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.util.List;

/** One Deployment or StatefulSet with its replica counts and rollout state. */
public record WorkloadRow(
        @Describe("Deployment or StatefulSet") String kind,
        String name,
        String namespace,
        @Describe("spec.replicas") int desired,
        int ready,
        int available,
        @Describe("Replicas running the latest pod template") int updated,
        @Describe("complete, progressing, stalled (ProgressDeadlineExceeded) or scaled_to_zero") String rollout,
        @Describe("The reason and message when the rollout is stalled") String rolloutMessage,
        @Describe("True when spec.replicas is 0: nothing runs, by intent or by mistake") boolean scaledToZero,
        @Describe("Label selector of its pods, e.g. app=checkout; use with get_pods labels=") String selector,
        List<String> images,
        String age,
        List<Condition> conditions) {

    public record Condition(String type, String status, String reason, String message) {
    }

    static WorkloadRow of(Deployment d, Instant now) {
        var s = d.getStatus();
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        String rollout = Rollout.of(d);
        return new WorkloadRow("Deployment", d.getMetadata().getName(), d.getMetadata().getNamespace(), desired,
                s == null ? 0 : n(s.getReadyReplicas()), s == null ? 0 : n(s.getAvailableReplicas()),
                s == null ? 0 : n(s.getUpdatedReplicas()), rollout, Rollout.stallReason(d), desired == 0,
                Labels.selector(d.getSpec().getSelector()), images(d.getSpec().getTemplate()),
                Age.of(d.getMetadata().getCreationTimestamp(), now),
                s == null ? List.of() : s.getConditions().stream()
                        .map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage())).toList());
    }

    static WorkloadRow of(StatefulSet st, Instant now) {
        var s = st.getStatus();
        int desired = st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
        return new WorkloadRow("StatefulSet", st.getMetadata().getName(), st.getMetadata().getNamespace(), desired,
                s == null ? 0 : n(s.getReadyReplicas()), s == null ? 0 : n(s.getAvailableReplicas()),
                s == null ? 0 : n(s.getUpdatedReplicas()), Rollout.of(st), null, desired == 0,
                Labels.selector(st.getSpec().getSelector()), images(st.getSpec().getTemplate()),
                Age.of(st.getMetadata().getCreationTimestamp(), now),
                s == null ? List.of() : s.getConditions().stream()
                        .map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage())).toList());
    }

    private static List<String> images(PodTemplateSpec t) {
        return t == null || t.getSpec() == null ? List.of() : t.getSpec().getContainers().stream().map(Container::getImage).toList();
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
