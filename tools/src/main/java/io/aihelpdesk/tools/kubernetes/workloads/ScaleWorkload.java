package io.aihelpdesk.tools.kubernetes.workloads;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import io.aihelpdesk.tools.rollback.RollbackJournal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code scale_workload}: set the replicas of a Deployment or StatefulSet. A write, but destructive
 * when it scales to zero (nothing runs afterwards): the per-call effect lets policy and audit tell
 * the two apart. The blast radius is the number of pods created or removed. Records the previous
 * replica count for rollback_action; verified when that many replicas are ready.
 */
public final class ScaleWorkload {
    private ScaleWorkload() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE) String namespace,
            @Param(value = "deployment or statefulset", required = true) WorkloadKind kind,
            @Param(value = "Name of the Deployment or StatefulSet", required = true) String name,
            @Param(value = "Desired replicas; 0 stops every pod (destructive)", required = true, min = 0, max = 1000) int replicas,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("The workload before the change") WorkloadState before,
            WorkloadState after,
            int replicas,
            @Describe("Pods that are (would be) created (+) or removed (-)") int podDelta,
            @Describe("The workload's pods before the change, by name") java.util.List<String> pods,
            @Describe("The pods a StatefulSet scale-down removes (highest ordinals first); a Deployment's controller "
                    + "picks its own (not-ready and newest first)") java.util.List<String> podsRemoved,
            boolean reversible,
            String undo,
            String rollbackId,
            Boolean verified,
            String evidence) {
    }

    public static ToolDefinition<Params, Reply> definition(RollbackJournal journal) {
        return new ToolDefinition<>("scale_workload",
                "Set the replicas of a Deployment or StatefulSet (destructive when scaling to 0). Shows the current "
                        + "replicas and how many pods would be created or removed; dry_run=true previews only. Records "
                        + "the previous count for rollback_action. Verifies the new number of replicas is ready.",
                Effect.WRITE, TargetKind.KUBERNETES, Params.class, Reply.class, (p, ctx) -> run(p, ctx, journal),
                p -> p.replicas() == 0 ? Effect.DESTRUCTIVE : Effect.WRITE);
    }

    static Result<Reply> run(Params p, ToolContext ctx, RollbackJournal journal) throws ToolFailure {
        WorkloadHandle w = WorkloadHandle.find(ctx.kubernetes(), ctx.cluster(), p.kind(), p.name());
        WorkloadState before = w.snapshot();
        int delta = p.replicas() - before.replicas();
        java.util.List<String> pods = w.pods();
        java.util.List<String> removed = p.kind() == WorkloadKind.STATEFULSET && delta < 0
                ? java.util.stream.IntStream.iterate(before.replicas() - 1, i -> i >= p.replicas(), i -> i - 1)
                .mapToObj(i -> before.name() + "-" + i).toList() : java.util.List.of();
        String undo = "reversible: rollback_action scales back to " + before.replicas();
        String change = w.display() + " from " + before.replicas() + " to " + p.replicas() + " replicas ("
                + (delta >= 0 ? "+" : "") + delta + " pods" + (removed.isEmpty() ? "" : ": " + removed)
                + (p.replicas() == 0 ? "; nothing will run" : "") + ")";
        if (p.dryRun() || delta == 0) {
            return Result.of(new Reply(p.dryRun(), before, null, p.replicas(), delta, pods, removed, true, undo, null,
                    p.dryRun() ? null : true, p.dryRun() ? DryRun.NOT_RUN : "already at " + p.replicas() + " replicas"),
                    (p.dryRun() ? "Dry run: would scale " : "Nothing to do: ") + change + ".");
        }
        journal.ready();
        ctx.limitBlastRadius("pods", Math.abs(delta));
        w.scale(p.replicas());
        Map<String, Object> inverse = new LinkedHashMap<>();
        inverse.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        inverse.put("name", before.name());
        inverse.put("replicas", before.replicas());
        String id = journal.record(ctx, "scaled " + change, "scale_workload", inverse,
                Map.of("replicas", before.replicas(), "ready", before.ready()));
        WorkloadState[] after = new WorkloadState[1];
        Verification v = Verification.poll(Verification.KUBERNETES, () -> {
            after[0] = w.snapshot();
            String seen = "spec.replicas " + after[0].replicas() + ", ready " + after[0].ready();
            return after[0].replicas() == p.replicas() && after[0].ready() == p.replicas()
                    ? Observation.done(seen) : Observation.pending(seen + " (waiting for " + p.replicas() + " ready)");
        });
        return Result.of(new Reply(false, before, after[0], p.replicas(), delta, pods, removed, true, undo, id, v.verified(), v.evidence()),
                "Scaled " + change + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence()
                        + ". Undo with rollback_action " + id + ".");
    }
}
