package io.aihelpdesk.tools.kubernetes.pods;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.Age;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code get_pods}: pods with the status a human would look at first. */
public final class GetPods {
    static final int LIMIT = 500;

    private GetPods() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace,
            @Param("Label selector, e.g. 'app=orders-db' or 'app in (a,b),tier!=cache'. Empty: the inventory database's "
                    + "k8s_pod_selector when namespace names a database, else every pod") String labels) {
    }

    public record Condition(String type, String status, String reason, String message) {
    }

    public record PodRow(
            String name,
            String namespace,
            @Describe("Pending, Running, Succeeded, Failed or Unknown") String phase,
            @Describe("What kubectl shows in STATUS: CrashLoopBackOff, ImagePullBackOff, OOMKilled, Init:Error, Terminating, ...") String status,
            @Describe("Ready containers / containers, e.g. 1/2") String ready,
            int restarts,
            String age,
            String ip,
            String node,
            Map<String, String> labels,
            List<Condition> conditions) {
    }

    public record Reply(List<PodRow> pods, int count, String selector, boolean truncated) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_pods",
                "List pods with phase, kubectl-style status (CrashLoopBackOff, ImagePullBackOff, OOMKilled, Pending), "
                        + "ready containers, restarts, age, IP, node, labels and conditions. namespace='all' lists every "
                        + "namespace; an inventory database id lists that database's pods. Start here for a workload problem.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetPods::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) {
        KubernetesTarget t = ctx.cluster();
        String selector = p.labels() != null && !p.labels().isBlank() ? p.labels().trim() : t.podSelector();
        List<Pod> pods = list(ctx.kubernetes(), t, selector);
        Instant now = Instant.now();
        List<PodRow> rows = pods.stream()
                .sorted(Comparator.comparing((Pod x) -> x.getMetadata().getNamespace()).thenComparing(x -> x.getMetadata().getName()))
                .limit(LIMIT).map(x -> row(x, now)).toList();
        Reply r = new Reply(rows, rows.size(), selector, pods.size() > LIMIT);
        return Result.of(r, summary(r, t));
    }

    /** Pods of the target namespace (or all), narrowed by a label selector when one is given. */
    public static List<Pod> list(KubernetesClient client, KubernetesTarget t, String selector) {
        var op = t.allNamespaces() ? client.pods().inAnyNamespace() : client.pods().inNamespace(t.namespace());
        return (selector == null || selector.isBlank() ? op : op.withLabelSelector(selector)).list().getItems();
    }

    static PodRow row(Pod pod, Instant now) {
        List<ContainerStatus> cs = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
        int total = pod.getSpec() == null ? cs.size() : pod.getSpec().getContainers().size();
        long ready = cs.stream().filter(c -> Boolean.TRUE.equals(c.getReady())).count();
        int restarts = cs.stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
        List<PodCondition> conditions = pod.getStatus() == null ? List.of() : pod.getStatus().getConditions();
        return new PodRow(pod.getMetadata().getName(), pod.getMetadata().getNamespace(),
                pod.getStatus() == null ? null : pod.getStatus().getPhase(), PodState.of(pod), ready + "/" + total, restarts,
                Age.of(pod.getMetadata().getCreationTimestamp(), now),
                pod.getStatus() == null ? null : pod.getStatus().getPodIP(), pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels(),
                conditions.stream().map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage())).toList());
    }

    private static boolean allReady(String ready) {
        String[] parts = ready.split("/");
        return parts.length == 2 && parts[0].equals(parts[1]);
    }

    static String summary(Reply r, KubernetesTarget t) {
        String where = t.display() + (r.selector().isEmpty() ? "" : " matching " + r.selector());
        if (r.count() == 0) {
            return "No pods found in " + where + ".";
        }
        List<PodRow> unhealthy = r.pods().stream()
                .filter(x -> !List.of("Running", "Completed", "Succeeded").contains(x.status())
                        || "Running".equals(x.status()) && !allReady(x.ready()))
                .toList();
        return r.count() + " pod" + (r.count() == 1 ? "" : "s") + " in " + where + (r.truncated() ? " (first " + LIMIT + ")" : "")
                + (unhealthy.isEmpty() ? "; all running" : "; not healthy: " + String.join(", ",
                unhealthy.stream().limit(10).map(x -> x.name() + " " + x.status() + " (" + x.restarts() + " restarts)").toList()));
    }
}
