package io.aihelpdesk.tools.kubernetes.workloads;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Lookup;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code get_workloads}: Deployments and StatefulSets with replica counts and rollout state. */
public final class GetWorkloads {
    static final int LIMIT = 500;

    private GetWorkloads() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace,
            @Param("Only the Deployment or StatefulSet of this name; with namespace=all, in every namespace") String name) {
    }

    public record Reply(List<WorkloadRow> workloads, int count, boolean truncated) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_workloads",
                "List Deployments and StatefulSets: desired, ready, available and updated replicas, rollout status "
                        + "(complete, progressing, stalled on ProgressDeadlineExceeded, scaled_to_zero), selector, images "
                        + "and conditions. Shows a workload scaled to zero or a rollout that is stuck.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetWorkloads::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        KubernetesTarget t = ctx.cluster();
        KubernetesClient client = ctx.kubernetes();
        String name = p.name() == null ? "" : p.name().trim();
        List<Deployment> deployments = (t.allNamespaces() ? client.apps().deployments().inAnyNamespace()
                : client.apps().deployments().inNamespace(t.namespace())).list().getItems();
        List<StatefulSet> statefulSets = (t.allNamespaces() ? client.apps().statefulSets().inAnyNamespace()
                : client.apps().statefulSets().inNamespace(t.namespace())).list().getItems();
        if (deployments.isEmpty() && statefulSets.isEmpty()) {
            Lookup.requireNamespace(client, t);
        }
        Instant now = Instant.now();
        List<WorkloadRow> rows = Stream.concat(deployments.stream().map(d -> WorkloadRow.of(d, now)),
                        statefulSets.stream().map(s -> WorkloadRow.of(s, now)))
                .sorted(Comparator.comparing(WorkloadRow::namespace).thenComparing(WorkloadRow::name).thenComparing(WorkloadRow::kind))
                .toList();
        if (!name.isEmpty()) {
            rows = only(rows, name, t);
        }
        boolean truncated = rows.size() > LIMIT;
        Reply r = new Reply(truncated ? rows.subList(0, LIMIT) : rows, Math.min(rows.size(), LIMIT), truncated);
        return Result.of(r, summary(r, t));
    }

    private static List<WorkloadRow> only(List<WorkloadRow> rows, String name, KubernetesTarget t) throws ToolFailure {
        List<WorkloadRow> named = rows.stream().filter(w -> w.name().equals(name)).toList();
        if (!named.isEmpty()) {
            return named;
        }
        List<String> existing = rows.stream()
                .map(w -> (t.allNamespaces() ? w.namespace() + "/" : "") + w.kind() + "/" + w.name()).limit(20).toList();
        throw new ToolFailure(new Diagnosis("k8s_not_found", "no Deployment or StatefulSet named '" + name + "' in "
                + (t.allNamespaces() ? "any namespace" : "namespace " + t.namespace()) + " of "
                + (t.context().isEmpty() ? "the current context" : "context " + t.context()),
                existing.isEmpty() ? "there are no Deployments or StatefulSets; check the namespace"
                        : "workloads there: " + String.join(", ", existing), "HTTP 404"));
    }

    static String summary(Reply r, KubernetesTarget t) {
        if (r.count() == 0) {
            return "No Deployments or StatefulSets found in " + t.display() + ".";
        }
        List<WorkloadRow> notDone = r.workloads().stream().filter(w -> !Rollout.COMPLETE.equals(w.rollout())).toList();
        String head = r.count() + " workload" + (r.count() == 1 ? "" : "s") + " in " + t.display()
                + (r.truncated() ? " (first " + LIMIT + ")" : "");
        if (notDone.isEmpty()) {
            return head + "; all rolled out with every replica ready";
        }
        return head + "; " + String.join("; ", notDone.stream().limit(10).map(GetWorkloads::brief).toList());
    }

    private static String brief(WorkloadRow w) {
        String what = w.kind() + " " + w.name() + " ";
        return switch (w.rollout()) {
            case Rollout.SCALED_TO_ZERO -> what + "is scaled to zero (0 replicas desired, nothing runs)";
            case Rollout.STALLED -> what + "rollout stalled, " + w.ready() + "/" + w.desired() + " ready: " + w.rolloutMessage();
            default -> what + "rollout progressing, " + w.ready() + "/" + w.desired() + " ready, " + w.updated() + " updated";
        };
    }
}
