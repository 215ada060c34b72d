package io.aihelpdesk.tools.kubernetes.pods;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.Lookup;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.PodResource;

/**
 * {@code delete_pod}: delete one pod (typically to have its controller replace a stuck one). The
 * preview says who owns the pod: a controller-owned pod is replaced, a bare pod is gone for good.
 * Verified when the pod is gone or has been replaced (same name, new uid).
 */
public final class DeletePod {
    private DeletePod() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE) String namespace,
            @Param(value = "Pod name", required = true) String podName,
            @Param(value = "Seconds the pod gets to shut down; -1 uses the pod's own terminationGracePeriodSeconds, 0 "
                    + "deletes at once", defaultValue = "-1", min = -1, max = 86_400) int gracePeriodSeconds,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record PodBefore(String name, String namespace, String uid, String phase, String node,
                            @Describe("Owner kind/name; empty for a bare pod") String owner,
                            @Describe("Whether a controller will create a replacement") boolean replacedByController,
                            int restarts) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("The pod before the deletion") PodBefore pod,
            @Describe("Grace period sent; null: the pod's own") Integer gracePeriodSeconds,
            boolean reversible,
            String undo,
            Boolean verified,
            String evidence) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("delete_pod",
                "Delete one pod, with its own or a given grace period. Shows the pod and its owner first: a pod owned "
                        + "by a ReplicaSet/StatefulSet/Job is replaced by its controller, a bare pod is gone for good. "
                        + "Irreversible. dry_run=true previews only. Verifies the pod is gone or replaced.",
                Effect.DESTRUCTIVE, TargetKind.KUBERNETES, Params.class, Reply.class, DeletePod::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        Pod pod = Lookup.named(ctx.kubernetes(), ctx.kubernetes().pods(), ctx.cluster(), "pod", p.podName());
        PodBefore before = before(pod);
        String undo = before.replacedByController()
                ? "irreversible: the pod's containers and local state are lost; its controller " + before.owner() + " creates a replacement"
                : "irreversible: a bare pod (no controller) is not recreated; recreate it from its manifest if needed";
        Integer grace = p.gracePeriodSeconds() < 0 ? null : p.gracePeriodSeconds();
        String what = "pod " + before.namespace() + "/" + before.name() + " (" + before.phase() + " on " + before.node()
                + (before.owner().isEmpty() ? ", bare pod" : ", owned by " + before.owner()) + ")";
        if (p.dryRun()) {
            return Result.of(new Reply(true, before, grace, false, undo, null, DryRun.NOT_RUN),
                    "Dry run: would delete " + what + (grace == null ? "" : " with grace period " + grace + " s") + ". " + undo + ".");
        }
        ctx.limitBlastRadius("pods", 1);
        PodResource resource = ctx.kubernetes().pods().inNamespace(before.namespace()).withName(before.name());
        if (grace == null) {
            resource.delete();
        } else {
            resource.withGracePeriod(grace).delete();
        }
        Verification v = Verification.poll(Verification.KUBERNETES, () -> {
            Pod now = ctx.kubernetes().pods().inNamespace(before.namespace()).withName(before.name()).get();
            if (now == null) {
                return Observation.done("pod " + before.name() + " (uid " + before.uid() + ") no longer exists");
            }
            if (!before.uid().equals(now.getMetadata().getUid())) {
                return Observation.done("pod " + before.name() + " was replaced: uid " + before.uid() + " → " + now.getMetadata().getUid());
            }
            return Observation.pending("pod " + before.name() + " is still there" + (now.getMetadata().getDeletionTimestamp() == null
                    ? "" : ", terminating since " + now.getMetadata().getDeletionTimestamp()));
        });
        return Result.of(new Reply(false, before, grace, false, undo, v.verified(), v.evidence()),
                "Deleted " + what + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ".");
    }

    static PodBefore before(Pod pod) {
        OwnerReference owner = pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
                .orElse(pod.getMetadata().getOwnerReferences().stream().findFirst().orElse(null));
        int restarts = pod.getStatus() == null ? 0 : pod.getStatus().getContainerStatuses().stream()
                .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
        return new PodBefore(pod.getMetadata().getName(), pod.getMetadata().getNamespace(),
                String.valueOf(pod.getMetadata().getUid()), pod.getStatus() == null ? null : pod.getStatus().getPhase(),
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                owner == null ? "" : owner.getKind() + "/" + owner.getName(), owner != null && Boolean.TRUE.equals(owner.getController()),
                restarts);
    }
}
