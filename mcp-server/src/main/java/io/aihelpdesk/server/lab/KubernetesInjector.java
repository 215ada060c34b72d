package io.aihelpdesk.server.lab;

import static io.aihelpdesk.server.lab.SimulatedCluster.DB;
import static io.aihelpdesk.server.lab.SimulatedCluster.NAMESPACE;
import static io.aihelpdesk.server.lab.SimulatedCluster.SIMULATED;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Injector;
import io.aihelpdesk.tools.faults.Step;
import io.aihelpdesk.tools.faults.UndoStack;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The {@code kubernetes} injector on the simulated cluster: writes the objects a kubelet, the
 * scheduler and the controllers would write for the scenario, each replaced object's previous
 * version and each created object recorded for undo (teardown restores exactly that).
 */
final class KubernetesInjector implements Injector {
    private final SimulatedCluster cluster;

    KubernetesInjector(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String type() {
        return "kubernetes";
    }

    @Override
    public void inject(Fault fault, Step step, UndoStack undo) {
        String scenario = step.option("scenario", "");
        KubernetesClient k = cluster.client();
        undo.push("close the cluster client", k::close);
        Writer w = new Writer(k, undo);
        switch (scenario) {
            case "crash_loop" -> crashLoop(w, undo);
            case "unschedulable" -> unschedulable(w);
            case "image_pull" -> imagePull(w);
            case "no_endpoints" -> noEndpoints(w);
            case "pvc_pending" -> pvcPending(w);
            case "oom_killed" -> oomKilled(w);
            case "scaled_to_zero" -> scaledToZero(w);
            case "node_pressure" -> nodePressure(w);
            default -> throw new IllegalArgumentException("fault " + fault.id() + ": unknown kubernetes scenario '" + scenario
                    + "' (known: crash_loop, unschedulable, image_pull, no_endpoints, pvc_pending, oom_killed, scaled_to_zero, node_pressure)");
        }
    }

    /**
     * The fault's manifest change, applied to the StatefulSet's pod template as {@code kubectl apply}
     * would, with the status its controller then reports (the new pod is not ready).
     */
    private void template(Writer w, java.util.function.UnaryOperator<io.fabric8.kubernetes.api.model.Container> change) {
        StatefulSet s = w.k.apps().statefulSets().inNamespace(NAMESPACE).withName(DB).get();
        io.fabric8.kubernetes.api.model.Container c = change.apply(s.getSpec().getTemplate().getSpec().getContainers().get(0));
        long generation = s.getMetadata().getGeneration() == null ? 2 : s.getMetadata().getGeneration() + 1;
        w.put(new StatefulSetBuilder(s).editMetadata().withGeneration(generation).endMetadata().editSpec().editTemplate().editSpec()
                .withContainers(c).endSpec().endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(generation).withReplicas(1).withReadyReplicas(0).withAvailableReplicas(0)
                .withCurrentReplicas(0).withUpdatedReplicas(1).endStatus().build());
    }

    private Pod pod(Writer w) {
        Pod p = w.k.pods().inNamespace(NAMESPACE).withName(DB + "-0").get();
        return p != null ? p : cluster.healthyPod();
    }

    private void crashLoop(Writer w, UndoStack undo) {
        template(w, c -> new io.fabric8.kubernetes.api.model.ContainerBuilder(c)
                .withCommand("postgres", "--config-file=/etc/postgresql/missing.conf").build());
        Pod p = new PodBuilder(pod(w)).editSpec().editFirstContainer().withCommand("postgres", "--config-file=/etc/postgresql/missing.conf")
                .endContainer().endSpec().editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False")
                .withReason("ContainersNotReady").withMessage("containers with unready status: [postgres]").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .withContainerStatuses(new ContainerStatusBuilder().withName("postgres").withImage("postgres:17.2").withReady(false)
                        .withRestartCount(9).withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container=postgres pod=" + DB + "-0").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).withStartedAt(cluster.ago(62))
                        .withFinishedAt(cluster.ago(61)).endTerminated().endLastState().build()).endStatus().build();
        w.put(p);
        w.emptyEndpoints(true);
        String key = DB + "-0/postgres/previous";
        String before = cluster.log(key);
        cluster.log(key, "postgres: could not access the server configuration file \"/etc/postgresql/missing.conf\": No such file or directory\n");
        undo.push("restore the previous log of " + DB + "-0", () -> cluster.log(key, before));
        w.event("Pod", DB + "-0", "BackOff", "Back-off restarting failed container postgres in pod " + DB + "-0_" + NAMESPACE, "kubelet", 42);
    }

    private void unschedulable(Writer w) {
        String why = "0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: "
                + "2 No preemption victims found for incoming pod.";
        template(w, c -> new io.fabric8.kubernetes.api.model.ContainerBuilder(c).withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("256Gi")))
                .withLimits(Map.of("memory", new Quantity("256Gi"))).endResources().build());
        Pod p = new PodBuilder(pod(w)).editSpec().withNodeName(null).editFirstContainer().withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("256Gi")))
                .withLimits(Map.of("memory", new Quantity("256Gi"))).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Pending").withQosClass("Burstable")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(why).endCondition()
                .endStatus().build();
        w.put(p);
        w.emptyEndpoints(false);
        w.event("Pod", DB + "-0", "FailedScheduling", why, "default-scheduler", 14);
    }

    private void imagePull(Writer w) {
        String image = "postgres:99.99-nonexistent";
        template(w, c -> new io.fabric8.kubernetes.api.model.ContainerBuilder(c).withImage(image).build());
        Pod p = new PodBuilder(pod(w)).editSpec().editFirstContainer().withImage(image).endContainer().endSpec()
                .withNewStatus().withPhase("Pending").withStartTime(cluster.ago(300))
                .addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady")
                .withMessage("containers with unready status: [postgres]").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("postgres").withImage(image).withReady(false)
                        .withRestartCount(0).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"" + image + "\"").endWaiting().endState().build())
                .endStatus().build();
        w.put(p);
        w.emptyEndpoints(false);
        w.event("Pod", DB + "-0", "Failed", "Failed to pull image \"" + image + "\": rpc error: code = NotFound desc = failed to pull and "
                + "unpack image \"docker.io/library/" + image + "\": failed to resolve reference \"docker.io/library/" + image
                + "\": docker.io/library/" + image + ": not found: manifest unknown", "kubelet", 6);
        w.event("Pod", DB + "-0", "Failed", "Error: ErrImagePull", "kubelet", 6);
        w.event("Pod", DB + "-0", "BackOff", "Back-off pulling image \"" + image + "\"", "kubelet", 20);
    }

    private void noEndpoints(Writer w) {
        Service s = w.k.services().inNamespace(NAMESPACE).withName(DB).get();
        w.put(new ServiceBuilder(s).editSpec().withSelector(Map.of("app", DB, "role", "leader")).endSpec().build());
        w.emptyEndpoints(false);
    }

    private void pvcPending(Writer w) {
        String claim = "data-" + DB + "-0";
        PersistentVolumeClaim old = w.k.persistentVolumeClaims().inNamespace(NAMESPACE).withName(claim).get();
        w.put(new PersistentVolumeClaimBuilder(old).editSpec().withStorageClassName("fast-ssd-nonexistent").withVolumeName(null).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build());
        String why = "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are "
                + "available: 2 Preemption is not helpful for scheduling.";
        w.put(new PodBuilder(pod(w)).editSpec().withNodeName(null).endSpec().withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(why).endCondition()
                .endStatus().build());
        w.emptyEndpoints(false);
        w.event("PersistentVolumeClaim", claim, "ProvisioningFailed", "storageclass.storage.k8s.io \"fast-ssd-nonexistent\" not found",
                "persistentvolume-controller", 31);
        w.event("Pod", DB + "-0", "FailedScheduling", why, "default-scheduler", 9);
    }

    private void oomKilled(Writer w) {
        template(w, c -> new io.fabric8.kubernetes.api.model.ContainerBuilder(c).withNewResources()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("10Mi")))
                .withLimits(Map.of("memory", new Quantity("10Mi"))).endResources().build());
        Pod p = new PodBuilder(pod(w)).editSpec().editFirstContainer().withNewResources()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("10Mi")))
                .withLimits(Map.of("memory", new Quantity("10Mi"))).endResources().endContainer().endSpec()
                .editStatus().withPhase("Running").withConditions().addNewCondition().withType("Ready").withStatus("False")
                .withReason("ContainersNotReady").withMessage("containers with unready status: [postgres]").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .withContainerStatuses(new ContainerStatusBuilder().withName("postgres").withImage("postgres:17.2").withReady(false)
                        .withRestartCount(6).withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 2m40s restarting failed container=postgres pod=" + DB + "-0").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).withStartedAt(cluster.ago(45))
                        .withFinishedAt(cluster.ago(44)).endTerminated().endLastState().build()).endStatus().build();
        w.put(p);
        w.emptyEndpoints(true);
        w.event("Pod", DB + "-0", "BackOff", "Back-off restarting failed container postgres in pod " + DB + "-0_" + NAMESPACE, "kubelet", 30);
    }

    private void scaledToZero(Writer w) {
        StatefulSet s = w.k.apps().statefulSets().inNamespace(NAMESPACE).withName(DB).get();
        w.put(new StatefulSetBuilder(s).editMetadata().withGeneration(2L).endMetadata().editSpec().withReplicas(0).endSpec()
                .withNewStatus().withObservedGeneration(2L).withReplicas(0).withReadyReplicas(0).withAvailableReplicas(0)
                .withCurrentReplicas(0).withUpdatedReplicas(0).endStatus().build());
        w.remove(pod(w));
        w.emptyEndpoints(false);
        w.event("StatefulSet", DB, "SuccessfulDelete", "delete Pod " + DB + "-0 in StatefulSet " + DB + " successful",
                "statefulset-controller", 1800);
    }

    private void nodePressure(Writer w) {
        Node n = w.k.nodes().withName("worker-1").get();
        w.put(new NodeBuilder(n).editSpec().addNewTaint().withKey("node.kubernetes.io/memory-pressure").withEffect("NoSchedule")
                .endTaint().endSpec().editStatus().editMatchingCondition(c -> "MemoryPressure".equals(c.getType()))
                .withStatus("True").withReason("KubeletHasInsufficientMemory").withMessage("kubelet has insufficient memory available")
                .endCondition().endStatus().build());
        w.event("Node", "worker-1", "EvictionThresholdMet", "Attempting to reclaim memory", "kubelet", 40);
        w.event("Pod", "lab-batch-7d9c6-xk2p4", "Evicted", "The node was low on resource: memory. Threshold quantity: 100Mi, "
                + "available: 61440Ki. Container batch was using 1843200Ki, request is 256Mi, has larger consumption of memory.",
                "kubelet", 38);
    }

    /** Writes objects, recording for each the undo that restores what was there before. */
    private static final class Writer {
        final KubernetesClient k;
        final UndoStack undo;
        private int events;

        Writer(KubernetesClient k, UndoStack undo) {
            this.k = k;
            this.undo = undo;
        }

        /** Creates or replaces {@code obj}; undo puts the previous version back, or deletes it if there was none. */
        void put(HasMetadata obj) {
            obj.getMetadata().setResourceVersion(null);
            HasMetadata before = k.resource(obj).get();
            if (before != null) {
                before.getMetadata().setResourceVersion(null);
                undo.push("restore " + describe(before), () -> replace(before));
                replace(obj);
            } else {
                undo.push("delete " + describe(obj), () -> k.resource(obj).delete());
                k.resource(obj).create();
            }
        }

        void remove(HasMetadata obj) {
            obj.getMetadata().setResourceVersion(null);
            undo.push("recreate " + describe(obj), () -> k.resource(obj).create());
            k.resource(obj).delete();
        }

        private void replace(HasMetadata obj) {
            k.resource(obj).delete();
            k.resource(obj).create();
        }

        /** The database service's endpoints as the endpoints controller leaves them: pod not ready, or no pod selected. */
        void emptyEndpoints(boolean notReady) {
            var b = new EndpointsBuilder().withNewMetadata().withName(DB).withNamespace(NAMESPACE).withLabels(Map.of(SIMULATED, "true"))
                    .endMetadata();
            if (notReady) {
                b.addNewSubset().addNewNotReadyAddress().withIp("10.244.1.10").withNodeName("worker-1")
                        .withNewTargetRef().withKind("Pod").withName(DB + "-0").withNamespace(NAMESPACE).endTargetRef().endNotReadyAddress()
                        .addNewPort().withName("postgres").withPort(5432).withProtocol("TCP").endPort().endSubset();
            }
            put(b.build());
        }

        void event(String kind, String object, String reason, String message, String source, int count) {
            String name = object + ".lab-" + System.nanoTime() + "-" + (events++);
            var e = new EventBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(Map.of(SIMULATED, "true"))
                    .endMetadata().withNewInvolvedObject().withKind(kind).withName(object).withNamespace(kind.equals("Node") ? null : NAMESPACE)
                    .endInvolvedObject().withType(reason.startsWith("Successful") ? "Normal" : "Warning").withReason(reason).withMessage(message)
                    .withNewSource().withComponent(source).endSource().withCount(count)
                    .withFirstTimestamp(java.time.Instant.now().minusSeconds(900).toString())
                    .withLastTimestamp(java.time.Instant.now().minusSeconds(5).toString()).build();
            undo.push("delete event " + name, () -> k.resource(e).delete());
            k.resource(e).create();
        }

        private static String describe(HasMetadata o) {
            return o.getKind() + " " + (o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace() + "/")
                    + o.getMetadata().getName();
        }
    }
}
