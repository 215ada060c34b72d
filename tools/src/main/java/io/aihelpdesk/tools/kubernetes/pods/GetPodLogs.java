package io.aihelpdesk.tools.kubernetes.pods;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.Lookup;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** {@code get_pod_logs}: the last lines a container wrote, or those of its previous (crashed) run. */
public final class GetPodLogs {
    /** Logs beyond this many characters are cut from the front: the newest lines matter most. */
    static final int MAX_CHARS = 256 * 1024;
    static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

    private GetPodLogs() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE) String namespace,
            @Param(value = "Pod name", required = true) String podName,
            @Param("Container name; empty: the pod's default container (annotation) or its first") String container,
            @Param(value = "How many of the last lines to return", defaultValue = "50", min = 1, max = 5000) int tailLines,
            @Param(value = "Logs of the previous run of the container (after a crash or OOM kill)", defaultValue = "false") boolean previous) {
    }

    public record Reply(
            String pod,
            String namespace,
            String container,
            @Describe("Other containers of the pod, for a follow-up call") List<String> otherContainers,
            boolean previous,
            int lines,
            @Describe("True when the text was cut to the newest " + MAX_CHARS + " characters") boolean truncated,
            String logs) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_pod_logs",
                "Return the last tail_lines (default 50) log lines of a pod's container; previous=true returns the "
                        + "previous run's logs, which is where a CrashLoopBackOff or OOMKilled container's last words are.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetPodLogs::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        Pod pod = Lookup.named(ctx.kubernetes(), ctx.kubernetes().pods(), ctx.cluster(), "pod", p.podName());
        List<String> names = pod.getSpec().getContainers().stream().map(Container::getName).toList();
        String container = p.container() == null || p.container().isBlank() ? defaultContainer(pod, names) : p.container();
        if (!names.contains(container) && pod.getSpec().getInitContainers().stream().noneMatch(c -> c.getName().equals(container))) {
            throw new ToolFailure(new Diagnosis("k8s_not_found", "pod " + p.podName() + " has no container '" + container + "'",
                    "containers: " + String.join(", ", names), ""));
        }
        String text;
        try {
            var logs = ctx.kubernetes().pods().inNamespace(pod.getMetadata().getNamespace()).withName(p.podName())
                    .inContainer(container);
            text = (p.previous() ? logs.terminated() : logs).tailingLines(p.tailLines()).getLog();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 400 && p.previous()) {
                throw new ToolFailure(new Diagnosis("k8s_no_previous_logs", "container " + container + " of pod " + p.podName()
                        + " has no previous run to read logs from", "call again with previous=false", "HTTP 400"), e);
            }
            throw e;
        }
        text = text == null ? "" : text;
        boolean truncated = text.length() > MAX_CHARS;
        if (truncated) {
            text = text.substring(text.length() - MAX_CHARS);
        }
        int lines = text.isEmpty() ? 0 : (int) text.lines().count();
        Reply r = new Reply(p.podName(), pod.getMetadata().getNamespace(), container,
                names.stream().filter(n -> !n.equals(container)).toList(), p.previous(), lines, truncated, text);
        return Result.of(r, lines == 0 ? "No logs available for this pod." : lines + " log line" + (lines == 1 ? "" : "s")
                + " of " + r.namespace() + "/" + r.pod() + " container " + container + (p.previous() ? " (previous run)" : "")
                + ":\n" + text.stripTrailing());
    }

    private static String defaultContainer(Pod pod, List<String> names) {
        var annotations = pod.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(DEFAULT_CONTAINER);
        return annotated != null && names.contains(annotated) ? annotated : names.isEmpty() ? "" : names.get(0);
    }
}
