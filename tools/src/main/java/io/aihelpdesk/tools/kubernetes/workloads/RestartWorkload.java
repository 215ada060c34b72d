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
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code restart_deployment} and {@code restart_statefulset}: a rollout restart, exactly as
 * {@code kubectl rollout restart} makes it (the pod template's {@code kubectl.kubernetes.io/restartedAt}
 * annotation), so the controller replaces every pod under its rollout strategy. The blast radius is
 * the replica count.
 */
public final class RestartWorkload {
    private RestartWorkload() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE) String namespace,
            @Param(value = "Name of the workload", required = true) String name,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("The workload before the restart") WorkloadState before,
            WorkloadState after,
            @Describe("The restartedAt value (would be) set") String restartedAt,
            @Describe("Pods the rollout replaces") int podsReplaced,
            @Describe("The workload's pods now, by name: each is replaced") java.util.List<String> pods,
            boolean reversible,
            String undo,
            Boolean verified,
            String evidence) {
    }

    static final String UNDO = "a restart cannot be undone (the old pods are replaced); if the new pods fail, roll the "
            + "workload back to its previous revision (kubectl rollout undo)";

    public static ToolDefinition<Params, Reply> deployment() {
        return definition(WorkloadKind.DEPLOYMENT, "restart_deployment");
    }

    public static ToolDefinition<Params, Reply> statefulSet() {
        return definition(WorkloadKind.STATEFULSET, "restart_statefulset");
    }

    private static ToolDefinition<Params, Reply> definition(WorkloadKind kind, String tool) {
        return new ToolDefinition<>(tool,
                "Rollout-restart a " + kind.display + " (sets the pod template's kubectl.kubernetes.io/restartedAt "
                        + "annotation, like kubectl rollout restart): every pod is replaced under the rollout strategy. "
                        + "Shows the replicas that will be replaced first; dry_run=true previews only. Verifies the "
                        + "annotation is in place and reports rollout progress.",
                Effect.WRITE, TargetKind.KUBERNETES, Params.class, Reply.class, (p, ctx) -> run(kind, p, ctx));
    }

    static Result<Reply> run(WorkloadKind kind, Params p, ToolContext ctx) throws ToolFailure {
        WorkloadHandle w = WorkloadHandle.find(ctx.kubernetes(), ctx.cluster(), kind, p.name());
        WorkloadState before = w.snapshot();
        java.util.List<String> pods = w.pods();
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (p.dryRun()) {
            return Result.of(new Reply(true, before, null, at, before.replicas(), pods, false, UNDO, null, DryRun.NOT_RUN),
                    "Dry run: would restart " + w.display() + ", replacing " + before.replicas() + " pod"
                            + (before.replicas() == 1 ? "" : "s") + (pods.isEmpty() ? "" : " " + pods) + ". " + UNDO + ".");
        }
        ctx.limitBlastRadius("pods", before.replicas());
        w.restart(at);
        WorkloadState[] after = new WorkloadState[1];
        Verification v = Verification.poll(Verification.KUBERNETES, () -> {
            after[0] = w.snapshot();
            String progress = "rollout: " + after[0].updated() + " of " + after[0].replicas() + " pods updated, "
                    + after[0].ready() + " ready";
            return at.equals(after[0].restartedAt())
                    ? Observation.done("pod template annotated " + WorkloadHandle.RESTARTED_AT + "=" + at + "; " + progress)
                    : Observation.pending("annotation " + WorkloadHandle.RESTARTED_AT + " is " + after[0].restartedAt());
        });
        return Result.of(new Reply(false, before, after[0], at, before.replicas(), pods, false, UNDO, v.verified(), v.evidence()),
                "Restarted " + w.display() + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ".");
    }
}
