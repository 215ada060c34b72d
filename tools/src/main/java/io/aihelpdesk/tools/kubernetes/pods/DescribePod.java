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
import io.aihelpdesk.tools.kubernetes.events.EventRow;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code describe_pod}: everything needed to say why one pod is unhealthy. */
public final class DescribePod {
    private DescribePod() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE) String namespace,
            @Param(value = "Pod name", required = true) String podName) {
    }

    public record Reply(
            String name,
            String namespace,
            String node,
            String phase,
            @Describe("kubectl-style status: CrashLoopBackOff, ImagePullBackOff, OOMKilled, Pending, ...") String status,
            @Describe("Pod-level reason and message, e.g. Evicted") String reason,
            String message,
            String ip,
            String startTime,
            String qosClass,
            Map<String, String> labels,
            List<GetPods.Condition> conditions,
            List<ContainerRow> initContainers,
            List<ContainerRow> containers,
            @Describe("Events about this pod, newest first") List<EventRow> events) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("describe_pod",
                "Describe one pod like kubectl describe: phase and status, conditions (PodScheduled, Ready, ...), each "
                        + "container's state with reason and exit code, last termination (OOMKilled, exit 137, Error), "
                        + "restarts, resource requests and limits, and the pod's events (FailedScheduling, BackOff, image pull errors).",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, DescribePod::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        Pod pod = Lookup.named(ctx.kubernetes(), ctx.kubernetes().pods(), ctx.cluster(), "pod", p.podName());
        Instant now = Instant.now();
        var st = pod.getStatus();
        List<EventRow> events = EventRow.about(ctx.kubernetes(), pod.getMetadata().getNamespace(), "Pod", p.podName(), now);
        Reply r = new Reply(pod.getMetadata().getName(), pod.getMetadata().getNamespace(), pod.getSpec().getNodeName(),
                st == null ? null : st.getPhase(), PodState.of(pod), st == null ? null : st.getReason(),
                st == null ? null : st.getMessage(), st == null ? null : st.getPodIP(), st == null ? null : st.getStartTime(),
                st == null ? null : st.getQosClass(),
                pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels(),
                GetPods.row(pod, now).conditions(),
                containers(pod.getSpec().getInitContainers(), st == null ? List.of() : st.getInitContainerStatuses()),
                containers(pod.getSpec().getContainers(), st == null ? List.of() : st.getContainerStatuses()), events);
        return Result.of(r, summary(r));
    }

    private static List<ContainerRow> containers(List<Container> specs, List<ContainerStatus> statuses) {
        return specs.stream().map(c -> ContainerRow.of(c,
                statuses.stream().filter(s -> c.getName().equals(s.getName())).findFirst().orElse(null))).toList();
    }

    static String summary(Reply r) {
        StringBuilder s = new StringBuilder("Pod " + r.namespace() + "/" + r.name() + ": " + r.status()
                + " (phase " + r.phase() + (r.node() == null ? ", not scheduled" : ", node " + r.node()) + ")");
        r.conditions().stream().filter(c -> "False".equals(c.status()) && c.reason() != null)
                .forEach(c -> s.append("; ").append(c.type()).append("=False ").append(c.reason())
                        .append(c.message() == null ? "" : ": " + c.message()));
        for (ContainerRow c : r.containers()) {
            if (c.reason() != null || c.restartCount() > 0 || c.lastTermination() != null) {
                s.append("; container ").append(c.name()).append(' ').append(c.state());
                if (c.reason() != null) {
                    s.append(" (").append(c.reason()).append(c.exitCode() == null ? "" : ", exit " + c.exitCode()).append(')');
                }
                s.append(", ").append(c.restartCount()).append(" restarts");
                if (c.lastTermination() != null) {
                    s.append(", last terminated ").append(c.lastTermination().reason()).append(" exit ").append(c.lastTermination().exitCode());
                }
            }
        }
        r.events().stream().filter(e -> "Warning".equals(e.type())).findFirst()
                .ifPresent(e -> s.append("; latest warning: ").append(e.reason()).append(": ").append(e.message()));
        return s.toString();
    }
}
