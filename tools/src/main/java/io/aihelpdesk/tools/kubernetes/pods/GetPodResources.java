package io.aihelpdesk.tools.kubernetes.pods;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code get_pod_resources}: requests and limits per container, next to live usage when metrics-server answers. */
public final class GetPodResources {
    static final int LIMIT = 200;

    private GetPodResources() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace,
            @Param("Only this pod") String podName,
            @Param("Label selector; empty: the inventory database's k8s_pod_selector when namespace names a database") String labels) {
    }

    public record Usage(String cpu, String memory,
                        @Describe("Memory in use as % of the limit; null without a limit") Double memoryPercentOfLimit,
                        @Describe("CPU in use as % of the limit; null without a limit") Double cpuPercentOfLimit) {
    }

    public record ContainerResources(String name, Map<String, String> requests, Map<String, String> limits,
                                     @Describe("Live usage from metrics-server; null when it does not answer") Usage usage,
                                     @Describe("Missing requests/limits, usage near the limit") List<String> warnings) {
    }

    public record PodResources(String name, String namespace, String node, String qosClass, List<ContainerResources> containers) {
    }

    public record Reply(List<PodResources> pods, int count, boolean metricsAvailable,
                        @Describe("Why usage is missing, when it is") String metricsNote) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_pod_resources",
                "Show each container's CPU/memory requests and limits, and live usage with % of limit when metrics-server "
                        + "answers (it says so when it does not). Flags containers without limits and memory near the limit "
                        + "(the road to OOMKilled).",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetPodResources::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) {
        KubernetesTarget t = ctx.cluster();
        String selector = p.labels() != null && !p.labels().isBlank() ? p.labels().trim() : t.podSelector();
        List<Pod> pods = GetPods.list(ctx.kubernetes(), t, selector).stream()
                .filter(x -> p.podName() == null || p.podName().isBlank() || p.podName().equals(x.getMetadata().getName()))
                .sorted(Comparator.comparing((Pod x) -> x.getMetadata().getNamespace()).thenComparing(x -> x.getMetadata().getName()))
                .limit(LIMIT).toList();
        Map<String, PodMetrics> metrics = new HashMap<>();
        String note = metrics(ctx.kubernetes(), t, metrics);
        List<PodResources> rows = pods.stream().map(pod -> row(pod, metrics.get(key(pod.getMetadata().getNamespace(),
                pod.getMetadata().getName())))).toList();
        if (note == null && !rows.isEmpty() && rows.stream().allMatch(x -> x.containers().stream().allMatch(c -> c.usage() == null))) {
            note = "metrics-server answered but has no usage for these pods yet (new pods are scraped every 15-60 s); "
                    + "requests and limits are shown";
        }
        Reply r = new Reply(rows, rows.size(), note == null, note);
        return Result.of(r, summary(r));
    }

    /** Fills {@code into} with pod metrics; returns why there are none, or null when metrics-server answered. */
    private static String metrics(KubernetesClient client, KubernetesTarget t, Map<String, PodMetrics> into) {
        try {
            var list = t.allNamespaces() ? client.top().pods().metrics() : client.top().pods().metrics(t.namespace());
            list.getItems().forEach(m -> into.put(key(m.getMetadata().getNamespace(), m.getMetadata().getName()), m));
            return null;
        } catch (KubernetesClientException e) {
            return "usage unavailable: metrics-server did not answer (" + (e.getCode() > 0 ? "HTTP " + e.getCode() : e.getMessage())
                    + "); install metrics-server or check the metrics.k8s.io APIService. Requests and limits are still shown.";
        }
    }

    private static String key(String ns, String name) {
        return ns + "/" + name;
    }

    static PodResources row(Pod pod, PodMetrics m) {
        List<ContainerResources> containers = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            Map<String, Quantity> req = c.getResources() == null || c.getResources().getRequests() == null ? Map.of() : c.getResources().getRequests();
            Map<String, Quantity> lim = c.getResources() == null || c.getResources().getLimits() == null ? Map.of() : c.getResources().getLimits();
            ContainerMetrics cm = m == null ? null : m.getContainers().stream().filter(x -> c.getName().equals(x.getName())).findFirst().orElse(null);
            Usage usage = cm == null ? null : usage(cm.getUsage(), lim);
            List<String> warnings = new ArrayList<>();
            if (!lim.containsKey("memory")) {
                warnings.add("no memory limit: the container can take the node's memory");
            }
            if (!req.containsKey("memory") || !req.containsKey("cpu")) {
                warnings.add("no " + (!req.containsKey("cpu") ? "cpu" : "memory") + " request: the scheduler cannot place it reliably");
            }
            if (usage != null && usage.memoryPercentOfLimit() != null && usage.memoryPercentOfLimit() >= 90) {
                warnings.add("memory at " + usage.memoryPercentOfLimit() + "% of its limit: close to an OOM kill");
            }
            containers.add(new ContainerResources(c.getName(), ContainerRow.quantities(req), ContainerRow.quantities(lim), usage, warnings));
        }
        return new PodResources(pod.getMetadata().getName(), pod.getMetadata().getNamespace(), pod.getSpec().getNodeName(),
                pod.getStatus() == null ? null : pod.getStatus().getQosClass(), containers);
    }

    private static Usage usage(Map<String, Quantity> used, Map<String, Quantity> limits) {
        Quantity cpu = used.get("cpu");
        Quantity mem = used.get("memory");
        return new Usage(cpu == null ? null : cpu.toString(), mem == null ? null : mem.toString(),
                percent(mem, limits.get("memory")), percent(cpu, limits.get("cpu")));
    }

    private static Double percent(Quantity used, Quantity limit) {
        if (used == null || limit == null) {
            return null;
        }
        BigDecimal l = limit.getNumericalAmount();
        return l.signum() == 0 ? null
                : used.getNumericalAmount().multiply(BigDecimal.valueOf(100)).divide(l, 1, RoundingMode.HALF_UP).doubleValue();
    }

    static String summary(Reply r) {
        if (r.count() == 0) {
            return "No pods found.";
        }
        List<String> warned = r.pods().stream().flatMap(p -> p.containers().stream()
                .filter(c -> !c.warnings().isEmpty()).map(c -> p.name() + "/" + c.name() + ": " + c.warnings().get(0))).limit(5).toList();
        return r.count() + " pod" + (r.count() == 1 ? "" : "s") + (r.metricsAvailable() ? " with live usage" : "; " + r.metricsNote())
                + (warned.isEmpty() ? "" : "; " + String.join("; ", warned));
    }
}
