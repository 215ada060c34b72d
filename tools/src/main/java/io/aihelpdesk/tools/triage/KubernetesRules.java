package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.kubernetes.events.EventRow;
import io.aihelpdesk.tools.kubernetes.nodes.GetNodeStatus;
import io.aihelpdesk.tools.kubernetes.pods.ContainerRow;
import io.aihelpdesk.tools.kubernetes.pods.DescribePod;
import io.aihelpdesk.tools.kubernetes.pods.GetPods;
import io.aihelpdesk.tools.kubernetes.services.GetEndpoints;
import io.aihelpdesk.tools.kubernetes.storage.GetPvcs;
import io.aihelpdesk.tools.kubernetes.storage.PvcRow;
import io.aihelpdesk.tools.kubernetes.workloads.GetWorkloads;
import io.aihelpdesk.tools.kubernetes.workloads.WorkloadRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pods that crash, cannot start or cannot be placed; services without backends; claims, workloads, nodes. */
final class KubernetesRules {
    static final Set<String> IMAGE = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");
    /** Pods worth a describe_pod: not running cleanly, or restarted. At most this many. */
    static final int DESCRIBE_LIMIT = 5;

    private KubernetesRules() {
    }

    /** The pods to describe: not Running/Completed, not all ready, or restarted. */
    static List<String> suspicious(Evidence e) {
        GetPods.Reply pods = e.reply("get_pods", GetPods.Reply.class);
        if (pods == null) {
            return List.of();
        }
        return pods.pods().stream().filter(p -> !List.of("Running", "Completed", "Succeeded").contains(p.status())
                || p.restarts() > 0 || !allReady(p.ready())).map(GetPods.PodRow::name).limit(DESCRIBE_LIMIT).toList();
    }

    static List<Finding> pods(Evidence e, Scope s) {
        List<Finding> out = new ArrayList<>();
        for (String name : suspicious(e)) {
            DescribePod.Reply d = e.reply("describe_pod:" + name, DescribePod.Reply.class);
            if (d == null) {
                continue;
            }
            Finding f = pod(d, s);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static Finding pod(DescribePod.Reply d, Scope s) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("pod", d.namespace() + "/" + d.name());
        ev.put("status", d.status());
        ev.put("phase", d.phase());
        ev.put("node", d.node());
        List<NextStep> next = new ArrayList<>(List.of(
                NextStep.read("describe_pod", s.k8s(true, "pod_name", d.name()), "conditions, container states and events")));
        ContainerRow oom = d.containers().stream().filter(c -> "OOMKilled".equals(c.reason())
                || c.lastTermination() != null && "OOMKilled".equals(c.lastTermination().reason())).findFirst().orElse(null);
        if (oom != null) {
            ev.put("container", oom.name());
            ev.put("last_termination", oom.lastTermination() == null ? oom.reason() + " exit " + oom.exitCode()
                    : oom.lastTermination().reason() + " exit " + oom.lastTermination().exitCode());
            ev.put("restarts", oom.restartCount());
            ev.put("memory_limit", oom.limits().get("memory"));
            ev.put("memory_request", oom.requests().get("memory"));
            ev.put("threshold", "container terminated with reason OOMKilled (exit 137)");
            next.add(0, NextStep.read("get_pod_resources", s.k8s(true, "pod_name", d.name()), "usage against the memory limit"));
            next.add(NextStep.read("get_pod_logs", s.k8s(true, "pod_name", d.name(), "container", oom.name(), "previous", true),
                    "what it was doing when it was killed"));
            return Finding.of("oom_killed", Severity.CRITICAL, 0.95, "Pod " + d.name() + ": container " + oom.name()
                            + " was OOMKilled (limit " + oom.limits().getOrDefault("memory", "none") + ", " + oom.restartCount() + " restarts)",
                    ev, "The kernel killed the container for exceeding its memory limit; it restarts and will be killed again "
                            + "under the same load. Raise the limit to the working set, or lower the process's memory use "
                            + "(for PostgreSQL: shared_buffers + work_mem × connections must fit).", next);
        }
        ContainerRow crash = d.containers().stream().filter(c -> "CrashLoopBackOff".equals(c.reason())).findFirst().orElse(null);
        if (crash != null) {
            ev.put("container", crash.name());
            ev.put("restarts", crash.restartCount());
            ev.put("last_termination", crash.lastTermination() == null ? null
                    : crash.lastTermination().reason() + " exit " + crash.lastTermination().exitCode());
            ev.put("threshold", "container waiting in CrashLoopBackOff");
            next.add(0, NextStep.read("get_pod_logs", s.k8s(true, "pod_name", d.name(), "container", crash.name(), "previous", true),
                    "the crashed run's last lines say why it exits"));
            return Finding.of("pod_crash_loop", Severity.CRITICAL, 0.95, "Pod " + d.name() + " is in CrashLoopBackOff ("
                            + crash.restartCount() + " restarts" + (crash.lastTermination() == null ? "" : ", last exit "
                            + crash.lastTermination().exitCode() + " " + crash.lastTermination().reason()) + ")",
                    ev, "The container starts and exits again; the kubelet waits longer between restarts each time. The "
                            + "cause is in the previous run's logs: bad configuration, a missing secret, a dependency "
                            + "(often the database) it cannot reach.", next);
        }
        ContainerRow image = d.containers().stream().filter(c -> c.reason() != null && IMAGE.contains(c.reason())).findFirst().orElse(null);
        if (image != null) {
            ev.put("container", image.name());
            ev.put("image", image.image());
            ev.put("reason", image.reason());
            ev.put("message", image.message());
            ev.put("events", warnings(d.events()));
            ev.put("threshold", "container waiting in ImagePullBackOff / ErrImagePull");
            return Finding.of("image_pull_failure", Severity.CRITICAL, 0.95, "Pod " + d.name() + " cannot pull image " + image.image()
                            + " (" + image.reason() + ")", ev,
                    "The node cannot fetch the image: the tag does not exist ('manifest unknown'), the registry needs "
                            + "credentials (imagePullSecrets), or it is unreachable. The pod never starts.", next);
        }
        GetPods.Condition unscheduled = d.conditions().stream().filter(c -> "PodScheduled".equals(c.type())
                && "False".equals(c.status())).findFirst().orElse(null);
        if (unscheduled != null && !mentionsClaim(unscheduled.message())) {
            ev.put("condition", "PodScheduled=False " + unscheduled.reason() + ": " + unscheduled.message());
            ev.put("requests", d.containers().stream().map(c -> c.name() + " " + c.requests()).toList());
            ev.put("events", warnings(d.events()));
            ev.put("threshold", "PodScheduled=False (reason Unschedulable)");
            next.add(NextStep.read("get_node_status", s.k8s(false), "what the nodes can allocate"));
            return Finding.of("pod_unschedulable", Severity.CRITICAL, 0.95, "Pod " + d.name() + " cannot be scheduled: "
                            + unscheduled.message(), ev,
                    "No node satisfies the pod's requests, selectors, affinities or tolerations, so it stays Pending. "
                            + "Lower the requests, add capacity, or fix the constraint the scheduler names.", next);
        }
        return null;
    }

    static List<Finding> claims(Evidence e, Scope s) {
        GetPvcs.Reply r = e.reply("get_pvcs", GetPvcs.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (PvcRow c : r.claims()) {
            if (!"Pending".equals(c.phase())) {
                continue;
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("claim", c.namespace() + "/" + c.name());
            ev.put("storage_class", c.storageClass());
            ev.put("requested", c.requested());
            ev.put("events", warnings(c.events()));
            ev.put("threshold", "PersistentVolumeClaim in phase Pending");
            String why = c.events().stream().filter(x -> "Warning".equals(x.type())).map(x -> x.reason() + ": " + x.message())
                    .findFirst().orElse("no provisioning event yet");
            out.add(Finding.of("pvc_pending", Severity.CRITICAL, 0.9, "Claim " + c.name() + " is Pending (storage class "
                            + c.storageClass() + "): " + why, ev,
                    "Pods that mount this claim cannot start until it is bound. Usually the StorageClass does not exist or "
                            + "its provisioner fails, or no PersistentVolume matches.",
                    List.of(NextStep.read("get_pvcs", s.k8s(true, "name", c.name()), "the claim and its events"),
                            NextStep.read("get_events", s.k8s(true, "resource_name", c.name()), "provisioner messages"))));
        }
        return out;
    }

    static List<Finding> endpoints(Evidence e, Scope s) {
        GetEndpoints.Reply r = e.reply("get_endpoints", GetEndpoints.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (GetEndpoints.EndpointsRow row : r.endpoints()) {
            if (row.ready() > 0 || row.hint() == null) {
                continue;
            }
            out.add(Finding.of("no_endpoints", Severity.HIGH, 0.9, "Service " + row.name() + " has no ready endpoints: " + row.hint(),
                    Map.of("service", row.namespace() + "/" + row.name(), "ready", row.ready(), "not_ready", row.notReady(),
                            "hint", row.hint(), "threshold", "a service with a selector and no ready address"),
                    "Connections to the service time out or are refused: no pod behind it is both selected and ready. "
                            + "Either the selector does not match the pods' labels, or the matching pods are not ready.",
                    List.of(NextStep.read("describe_service", s.k8s(true, "service_name", row.name()), "selector, endpoints, events"),
                            NextStep.read("get_pods", s.k8s(true), "the pods and their labels"))));
        }
        return out;
    }

    static List<Finding> workloads(Evidence e, Scope s) {
        GetWorkloads.Reply r = e.reply("get_workloads", GetWorkloads.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (WorkloadRow w : r.workloads()) {
            if (!w.scaledToZero()) {
                continue;
            }
            // 0.95: above the no_endpoints finding its service produces, so the cause ranks before the symptom
            out.add(Finding.of("scaled_to_zero", Severity.HIGH, 0.95, w.kind() + " " + w.name() + " is scaled to 0 replicas",
                    Map.of("workload", w.kind() + "/" + w.namespace() + "/" + w.name(), "desired", w.desired(),
                            "selector", String.valueOf(w.selector()), "threshold", "spec.replicas = 0"),
                    "Nothing runs for this workload, so its service has no endpoints. Someone (or an autoscaler, or a "
                            + "maintenance script) scaled it down and did not scale it back.",
                    List.of(NextStep.read("get_workloads", s.k8s(true, "name", w.name()), "replicas and conditions"),
                            NextStep.read("get_events", s.k8s(true, "resource_name", w.name()), "who scaled it, when"),
                            NextStep.change("scale_workload", s.k8s(true, "kind", w.kind(), "name", w.name(), "replicas", 1), "WRITE",
                                    "bring it back"))));
        }
        return out;
    }

    static List<Finding> nodes(Evidence e, Scope s) {
        GetNodeStatus.Reply r = e.reply("get_node_status", GetNodeStatus.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (GetNodeStatus.NodeStatus n : r.nodes()) {
            List<String> pressure = new ArrayList<>();
            if ("True".equals(n.memoryPressure())) {
                pressure.add("MemoryPressure");
            }
            if ("True".equals(n.diskPressure())) {
                pressure.add("DiskPressure");
            }
            if ("True".equals(n.pidPressure())) {
                pressure.add("PIDPressure");
            }
            if (!"True".equals(n.ready())) {
                pressure.add("NotReady");
            }
            if (pressure.isEmpty()) {
                continue;
            }
            out.add(Finding.of("node_pressure", Severity.HIGH, 0.9, "Node " + n.name() + ": " + String.join(", ", pressure),
                    Map.of("node", n.name(), "conditions", pressure, "allocatable", n.allocatable(), "capacity", n.capacity(),
                            "problems", n.problems(), "threshold", "a node condition MemoryPressure/DiskPressure/PIDPressure True, or Ready not True"),
                    "The kubelet is short of memory, disk or process ids: it evicts pods and the scheduler avoids the node "
                            + "(a taint is added). Pods of the database on this node are at risk of eviction.",
                    List.of(NextStep.read("get_node_status", s.k8s(false, "node_name", n.name()), "conditions, taints, allocatable"),
                            NextStep.read("get_pod_resources", s.k8s(true), "which pods use the most"))));
        }
        return out;
    }

    private static boolean mentionsClaim(String message) {
        return message != null && message.contains("PersistentVolumeClaim");
    }

    private static List<String> warnings(List<EventRow> events) {
        return events.stream().filter(x -> "Warning".equals(x.type())).limit(3).map(x -> x.reason() + ": " + x.message()).toList();
    }

    static boolean allReady(String ready) {
        String[] p = ready == null ? new String[0] : ready.split("/");
        return p.length == 2 && p[0].equals(p[1]);
    }
}
