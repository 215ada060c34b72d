package io.aihelpdesk.tools.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;

/**
 * Realistic cluster states for the failures the original's fault catalog covers, written into the
 * mock API server with the fields a real kubelet, scheduler and controllers would set. Each method
 * creates its objects in namespace {@link #NS} and returns the name of the decisive object.
 */
public final class ClusterFaults {
    public static final String NS = "shop";
    private final KubernetesClient k;
    private final Instant now = Instant.now();

    public ClusterFaults(KubernetesClient client) {
        this.k = client;
        k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).createOr(r -> r.update());
    }

    private String ago(int seconds) {
        return now.minusSeconds(seconds).toString();
    }

    /** A pod whose container exits 1 at start: CrashLoopBackOff, 7 restarts, last termination Error exit 1. */
    public String crashLoop() {
        String name = "orders-api-7d9f8c6b5-x2k4q";
        k.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(900))
                .withLabels(Map.of("app", "orders-api")).endMetadata()
                .withNewSpec().withNodeName("worker-1").addNewContainer().withName("api").withImage("shop/orders-api:1.4.2")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.1.17").withStartTime(ago(900))
                .addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady")
                .withMessage("containers with unready status: [api]").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("api").withImage("shop/orders-api:1.4.2")
                        .withReady(false).withRestartCount(7)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container=api pod=" + name).endWaiting().endState()
                        .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1)
                        .withStartedAt(ago(320)).withFinishedAt(ago(318)).endTerminated().endLastState().build())
                .endStatus().build()).create();
        event("orders-api.backoff", "Pod", name, "Warning", "BackOff", "Back-off restarting failed container api in pod " + name, "kubelet", 40, 60);
        return name;
    }

    /** A pod the scheduler cannot place: PodScheduled=False Unschedulable, FailedScheduling "Insufficient memory". */
    public String unschedulable() {
        String name = "orders-db-0";
        String why = "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: "
                + "3 No preemption victims found for incoming pod.";
        k.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(600))
                .withLabels(Map.of("app", "orders-db", "role", "primary")).endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("postgres:17.2")
                .withNewResources().withRequests(Map.of("memory", new Quantity("64Gi"), "cpu", new Quantity("2")))
                .endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Pending").withQosClass("Burstable")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(why).endCondition()
                .endStatus().build()).create();
        event("orders-db-0.sched", "Pod", name, "Warning", "FailedScheduling", why, "default-scheduler", 30, 12);
        return name;
    }

    /** A pod whose image tag does not exist: ImagePullBackOff, ErrImagePull events with "manifest unknown". */
    public String imagePull() {
        String name = "reports-5c8b7d9f4-tq8mz";
        String image = "registry.example.com/shop/reports:9.9.9";
        k.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(400))
                .withLabels(Map.of("app", "reports")).endMetadata()
                .withNewSpec().withNodeName("worker-1").addNewContainer().withName("reports").withImage(image).endContainer().endSpec()
                .withNewStatus().withPhase("Pending").withPodIP("10.244.1.23")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("reports").withImage(image).withReady(false)
                        .withRestartCount(0).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"" + image + "\"").endWaiting().endState().build())
                .endStatus().build()).create();
        event("reports.pull", "Pod", name, "Warning", "Failed", "Failed to pull image \"" + image + "\": rpc error: code = NotFound "
                + "desc = failed to pull and unpack image \"" + image + "\": failed to resolve reference \"" + image
                + "\": " + image + ": not found: manifest unknown", "kubelet", 20, 5);
        event("reports.errpull", "Pod", name, "Warning", "Failed", "Error: ErrImagePull", "kubelet", 19, 5);
        return name;
    }

    /** A service whose selector (role=primary) matches no pod (they are labelled role=leader): empty endpoints. */
    public String serviceWithoutEndpoints() {
        String name = "orders-db-rw";
        k.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName("orders-db-1").withNamespace(NS).withCreationTimestamp(ago(3600))
                .withLabels(Map.of("app", "orders-db", "role", "leader")).endMetadata()
                .withNewSpec().withNodeName("worker-1").addNewContainer().withName("postgres").withImage("postgres:17.2").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.1.30")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("postgres").withReady(true).withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt(ago(3500)).endRunning().endState().build())
                .endStatus().build()).create();
        k.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(7200)).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.96.14.7")
                .withSelector(Map.of("app", "orders-db", "role", "primary"))
                .addNewPort().withName("postgres").withPort(5432).withNewTargetPort(5432).withProtocol("TCP").endPort()
                .endSpec().build()).create();
        k.endpoints().inNamespace(NS).resource(new EndpointsBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata().build()).create();
        return name;
    }

    /** A claim naming a StorageClass that does not exist: Pending, ProvisioningFailed. */
    public String pvcPending() {
        String name = "data-orders-db-0";
        k.persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(600)).endMetadata()
                .withNewSpec().withStorageClassName("fast-ssd-typo").withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity("100Gi"))).endResources().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).create();
        event("data.provision", "PersistentVolumeClaim", name, "Warning", "ProvisioningFailed",
                "storageclass.storage.k8s.io \"fast-ssd-typo\" not found", "persistentvolume-controller", 15, 41);
        return name;
    }

    /** A container killed by the kernel at its memory limit: last termination OOMKilled, exit 137. */
    public String oomKilled() {
        String name = "analytics-worker-0";
        k.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(5000))
                .withLabels(Map.of("app", "analytics")).endMetadata()
                .withNewSpec().withNodeName("worker-2").addNewContainer().withName("worker").withImage("shop/analytics:2.0")
                .withNewResources().withLimits(Map.of("memory", new Quantity("512Mi"))).withRequests(Map.of("memory", new Quantity("512Mi")))
                .endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.2.9")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("worker").withReady(true).withRestartCount(3)
                        .withNewState().withNewRunning().withStartedAt(ago(60)).endRunning().endState()
                        .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                        .withStartedAt(ago(400)).withFinishedAt(ago(61)).endTerminated().endLastState().build())
                .endStatus().build()).create();
        return name;
    }

    /** A Deployment scaled to zero replicas. */
    public String scaledToZero() {
        String name = "checkout";
        k.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(86400)).withGeneration(4L).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(Map.of("app", "checkout")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "checkout")).endMetadata()
                .withNewSpec().addNewContainer().withName("checkout").withImage("shop/checkout:3.1").endContainer().endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withObservedGeneration(4L).withReplicas(0)
                .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
                .withMessage("Deployment has minimum availability.").endCondition()
                .endStatus().build()).create();
        return name;
    }

    /** A node under memory pressure (and tainted for it) next to a healthy one. */
    public String nodePressure() {
        k.nodes().resource(node("worker-1", false)).create();
        k.nodes().resource(node("worker-2", true)).create();
        return "worker-2";
    }

    /**
     * A control-plane node (tainted NoSchedule on purpose, with an external IP) and a worker whose kubelet
     * stopped reporting: Ready=Unknown, cordoned, tainted unreachable:NoExecute by the node controller.
     */
    public String nodeUnreachable() {
        var cp = new NodeBuilder(node("cp-1", false)).editMetadata()
                .withLabels(Map.of("kubernetes.io/hostname", "cp-1", "node-role.kubernetes.io/control-plane", "")).endMetadata()
                .editSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").endTaint().endSpec()
                .editStatus().addNewAddress().withType("ExternalIP").withAddress("198.51.100.7").endAddress().endStatus().build();
        k.nodes().resource(cp).create();
        var lost = new NodeBuilder(node("worker-3", false)).editSpec().withUnschedulable(true)
                .addNewTaint().withKey("node.kubernetes.io/unreachable").withEffect("NoExecute").endTaint()
                .addNewTaint().withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").endTaint().endSpec()
                .editStatus().editMatchingCondition(c -> "Ready".equals(c.getType())).withStatus("Unknown").withReason("NodeStatusUnknown")
                .withMessage("Kubelet stopped posting node status.").endCondition().endStatus().build();
        k.nodes().resource(lost).create();
        return "worker-3";
    }

    private io.fabric8.kubernetes.api.model.Node node(String name, boolean pressure) {
        var b = new NodeBuilder().withNewMetadata().withName(name).withCreationTimestamp(ago(864000))
                .withLabels(Map.of("kubernetes.io/hostname", name, "node-role.kubernetes.io/worker", "")).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "pods", new Quantity("110")))
                .withAllocatable(Map.of("cpu", new Quantity("3800m"), "memory", new Quantity("15Gi"), "pods", new Quantity("110")))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus(pressure ? "True" : "False")
                .withReason(pressure ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory")
                .withMessage(pressure ? "kubelet has insufficient memory available" : "kubelet has sufficient memory available").endCondition()
                .addNewCondition().withType("DiskPressure").withStatus("False").withReason("KubeletHasNoDiskPressure").endCondition()
                .addNewCondition().withType("PIDPressure").withStatus("False").withReason("KubeletHasSufficientPID").endCondition()
                .addNewAddress().withType("InternalIP").withAddress(pressure ? "10.0.0.12" : "10.0.0.11").endAddress()
                .withNewNodeInfo().withKubeletVersion("v1.31.4").withContainerRuntimeVersion("containerd://1.7.24")
                .withOsImage("Ubuntu 24.04.1 LTS").withKernelVersion("6.8.0-1019").endNodeInfo()
                .endStatus();
        if (pressure) {
            b.editSpec().addNewTaint().withKey("node.kubernetes.io/memory-pressure").withEffect("NoSchedule").endTaint().endSpec();
        }
        return b.build();
    }

    /** A Deployment whose new pods never became available: Progressing=False ProgressDeadlineExceeded, 1/2 ready. */
    public String stalledRollout() {
        String name = "payments";
        k.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(172800)).withGeneration(7L).endMetadata()
                .withNewSpec().withReplicas(2).withProgressDeadlineSeconds(600)
                .withNewSelector().withMatchLabels(Map.of("app", "payments")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "payments")).endMetadata()
                .withNewSpec().addNewContainer().withName("payments").withImage("shop/payments:5.0.0-rc1").endContainer().endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withObservedGeneration(7L).withReplicas(3).withUpdatedReplicas(1).withReadyReplicas(2)
                .withAvailableReplicas(2).withUnavailableReplicas(1)
                .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
                .withMessage("Deployment has minimum availability.").endCondition()
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"payments-6b7c9d5f8\" has timed out progressing.").endCondition()
                .endStatus().build()).create();
        return name;
    }

    /** A service in front of the crash-looping pod: its selector matches, but the pod is not ready. */
    public String serviceWithUnreadyBackend() {
        String name = "orders-api";
        k.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withCreationTimestamp(ago(7200)).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.96.20.4").withSelector(Map.of("app", "orders-api"))
                .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).withProtocol("TCP").endPort()
                .endSpec().build()).create();
        k.endpoints().inNamespace(NS).resource(new EndpointsBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addNewSubset().addToNotReadyAddresses(address("10.244.1.17", "worker-1", "orders-api-7d9f8c6b5-x2k4q"))
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort().endSubset().build()).create();
        return name;
    }

    /**
     * Healthy neighbours for contrast: a StatefulSet {@code session-cache} with 3/3 ready and its Bound
     * claim, a LoadBalancer {@code storefront} with an ingress IP and two ready endpoints plus one
     * starting pod, and a LoadBalancer {@code admin-ui} still waiting for its address.
     */
    public ClusterFaults healthy() {
        k.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("session-cache").withNamespace(NS).withCreationTimestamp(ago(604800)).withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(3).withServiceName("session-cache")
                .withNewSelector().withMatchLabels(Map.of("app", "session-cache")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "session-cache")).endMetadata()
                .withNewSpec().addNewContainer().withName("valkey").withImage("valkey/valkey:8.0").endContainer().endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withObservedGeneration(2L).withReplicas(3).withReadyReplicas(3).withAvailableReplicas(3)
                .withCurrentReplicas(3).withUpdatedReplicas(3).withCurrentRevision("session-cache-6d4f9b7c8")
                .withUpdateRevision("session-cache-6d4f9b7c8").endStatus().build()).create();
        k.persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-session-cache-0").withNamespace(NS).withCreationTimestamp(ago(604800)).endMetadata()
                .withNewSpec().withStorageClassName("standard").withAccessModes("ReadWriteOnce")
                .withVolumeName("pvc-3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b")
                .withNewResources().withRequests(Map.of("storage", new Quantity("10Gi"))).endResources().endSpec()
                .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").withCapacity(Map.of("storage", new Quantity("10Gi")))
                .endStatus().build()).create();
        k.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName("storefront").withNamespace(NS).withCreationTimestamp(ago(86400)).endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.80.10").withSelector(Map.of("app", "storefront"))
                .addNewPort().withName("http").withPort(80).withNewTargetPort("http").withProtocol("TCP").withNodePort(31080).endPort()
                .endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("203.0.113.10").endIngress().endLoadBalancer().endStatus()
                .build()).create();
        k.endpoints().inNamespace(NS).resource(new EndpointsBuilder()
                .withNewMetadata().withName("storefront").withNamespace(NS).endMetadata()
                .addNewSubset().addToAddresses(address("10.244.1.40", "worker-1", "storefront-5f6d7c8b9-a1b2c"),
                        address("10.244.2.41", "worker-2", "storefront-5f6d7c8b9-d3e4f"))
                .addToNotReadyAddresses(address("10.244.1.42", "worker-1", "storefront-5f6d7c8b9-g5h6i"))
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort().endSubset().build()).create();
        k.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName("admin-ui").withNamespace(NS).withCreationTimestamp(ago(300)).endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.81.2").withSelector(Map.of("app", "admin-ui"))
                .addNewPort().withName("https").withPort(443).withNewTargetPort(8443).withProtocol("TCP").withNodePort(32443).endPort()
                .endSpec().build()).create();
        return this;
    }

    private static io.fabric8.kubernetes.api.model.EndpointAddress address(String ip, String node, String pod) {
        return new EndpointAddressBuilder().withIp(ip).withNodeName(node)
                .withNewTargetRef().withKind("Pod").withName(pod).withNamespace(NS).endTargetRef().build();
    }

    /** An event about an object, as the reporting component would write it. */
    public void event(String name, String kind, String object, String type, String reason, String message, String source,
                      int count, int lastSecondsAgo) {
        k.v1().events().inNamespace(NS).resource(new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(object).withNamespace(NS).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withNewSource().withComponent(source).endSource()
                .withCount(count).withFirstTimestamp(ago(lastSecondsAgo + 600)).withLastTimestamp(ago(lastSecondsAgo)).build()).create();
    }

    /** Every fault at once, as a broken namespace looks. */
    public ClusterFaults all() {
        crashLoop();
        unschedulable();
        imagePull();
        serviceWithoutEndpoints();
        pvcPending();
        oomKilled();
        scaledToZero();
        nodePressure();
        return this;
    }
}
