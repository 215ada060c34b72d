package io.aihelpdesk.server.lab;

import io.aihelpdesk.server.demo.SimulatedApiServer;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The lab's Kubernetes cluster, clearly simulated: a Kubernetes API served by fabric8's mock server
 * (reached through a kubeconfig like a real cluster), where nothing runs — no kubelet, no scheduler.
 * The lab writes the objects those components would write: at start a healthy namespace where the
 * lab database runs as StatefulSet {@value #DB} (pod, bound claim, service with its endpoints, two
 * ready nodes), and per fault the pod, event and status objects of the failure. Every object carries
 * the label {@value #SIMULATED}=true.
 */
final class SimulatedCluster implements AutoCloseable {
    static final String CONTEXT = "lab-simulated";
    static final String CLUSTER_ID = "lab-cluster";
    static final String NAMESPACE = "lab";
    static final String DB = "labdb";
    static final String SIMULATED = "aihelpdesk.io/simulated";
    static final Map<String, String> DB_LABELS = Map.of("app", DB, "role", "primary", SIMULATED, "true");

    private final SimulatedApiServer api;
    private final Map<String, String> logs;
    final Instant now = Instant.now();

    private SimulatedCluster(SimulatedApiServer api) {
        this.api = api;
        this.logs = api.logs();
    }

    static SimulatedCluster start(Path kubeconfig) throws IOException {
        SimulatedCluster c = new SimulatedCluster(SimulatedApiServer.start(kubeconfig, CONTEXT, NAMESPACE, "lab-token",
                "The aiHelpDesk lab's SIMULATED cluster: a Kubernetes API mock, no kubelet or scheduler behind it."));
        try (KubernetesClient k = c.client()) {
            c.seed(k);
        }
        return c;
    }

    KubernetesClient client() {
        return api.client();
    }

    Path kubeconfig() {
        return api.kubeconfig();
    }

    /** Log text of a container ({@code pod/container}, or {@code pod/container/previous}); null removes it. */
    void log(String key, String text) {
        if (text == null) {
            logs.remove(key);
        } else {
            logs.put(key, text);
        }
    }

    String log(String key) {
        return logs.get(key);
    }

    String ago(int seconds) {
        return now.minusSeconds(seconds).toString();
    }

    /** Inventory lines placing a database in this cluster (its namespace and pod selector). */
    static String inventoryPlacement() {
        return "    k8s_cluster: " + CLUSTER_ID + "\n    k8s_namespace: " + NAMESPACE + "\n    k8s_pod_selector: \"app=" + DB + "\"\n";
    }

    static String inventoryClusters() {
        return "k8s_clusters:\n  " + CLUSTER_ID + ":\n    name: \"aiHelpDesk lab cluster (SIMULATED: Kubernetes API mock, state written by the lab)\"\n"
                + "    context: " + CONTEXT + "\n    tags: [lab, simulated]\n";
    }

    private void seed(KubernetesClient k) {
        k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .withLabels(Map.of(SIMULATED, "true")).endMetadata().build()).create();
        for (String name : new String[] {"worker-1", "worker-2"}) {
            k.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withCreationTimestamp(ago(2592000))
                    .withLabels(Map.of("kubernetes.io/hostname", name, "node-role.kubernetes.io/worker", "", SIMULATED, "true")).endMetadata()
                    .withNewSpec().endSpec().withNewStatus()
                    .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "pods", new Quantity("110")))
                    .withAllocatable(Map.of("cpu", new Quantity("3800m"), "memory", new Quantity("15Gi"), "pods", new Quantity("110")))
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                    .withMessage("kubelet is posting ready status").endCondition()
                    .addNewCondition().withType("MemoryPressure").withStatus("False").withReason("KubeletHasSufficientMemory").endCondition()
                    .addNewCondition().withType("DiskPressure").withStatus("False").withReason("KubeletHasNoDiskPressure").endCondition()
                    .addNewCondition().withType("PIDPressure").withStatus("False").withReason("KubeletHasSufficientPID").endCondition()
                    .addNewAddress().withType("InternalIP").withAddress(name.equals("worker-1") ? "10.0.0.11" : "10.0.0.12").endAddress()
                    .withNewNodeInfo().withKubeletVersion("v1.31.4").withContainerRuntimeVersion("containerd://1.7.24").endNodeInfo()
                    .endStatus().build()).create();
        }
        k.apps().statefulSets().inNamespace(NAMESPACE).resource(new StatefulSetBuilder()
                .withNewMetadata().withName(DB).withNamespace(NAMESPACE).withCreationTimestamp(ago(2592000)).withGeneration(1L)
                .withLabels(Map.of("app", DB, SIMULATED, "true")).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(DB).withNewSelector().withMatchLabels(Map.of("app", DB)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", DB, "role", "primary")).endMetadata().withNewSpec()
                .addNewContainer().withName("postgres").withImage("postgres:17.2").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
                .withCurrentReplicas(1).withUpdatedReplicas(1).endStatus().build()).create();
        k.pods().inNamespace(NAMESPACE).resource(healthyPod()).create();
        log(DB + "-0/postgres", "LOG:  database system is ready to accept connections\n");
        k.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-" + DB + "-0").withNamespace(NAMESPACE).withCreationTimestamp(ago(2592000))
                .withLabels(Map.of("app", DB, SIMULATED, "true")).endMetadata()
                .withNewSpec().withStorageClassName("standard").withAccessModes("ReadWriteOnce").withVolumeName("pvc-7a1c2d9e")
                .withNewResources().withRequests(Map.of("storage", new Quantity("20Gi"))).endResources().endSpec()
                .withNewStatus().withPhase("Bound").withCapacity(Map.of("storage", new Quantity("20Gi"))).withAccessModes("ReadWriteOnce")
                .endStatus().build()).create();
        k.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
                .withNewMetadata().withName(DB).withNamespace(NAMESPACE).withCreationTimestamp(ago(2592000))
                .withLabels(Map.of("app", DB, SIMULATED, "true")).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.96.30.7").withSelector(Map.of("app", DB, "role", "primary"))
                .addNewPort().withName("postgres").withPort(5432).withNewTargetPort(5432).withProtocol("TCP").endPort().endSpec()
                .build()).create();
        k.endpoints().inNamespace(NAMESPACE).resource(new EndpointsBuilder().withNewMetadata().withName(DB).withNamespace(NAMESPACE)
                .withLabels(Map.of(SIMULATED, "true")).endMetadata()
                .addNewSubset().addNewAddress().withIp("10.244.1.10").withNodeName("worker-1")
                .withNewTargetRef().withKind("Pod").withName(DB + "-0").withNamespace(NAMESPACE).endTargetRef().endAddress()
                .addNewPort().withName("postgres").withPort(5432).withProtocol("TCP").endPort().endSubset().build()).create();
    }

    /** The database pod as a healthy kubelet reports it. */
    Pod healthyPod() {
        return new PodBuilder()
                .withNewMetadata().withName(DB + "-0").withNamespace(NAMESPACE).withCreationTimestamp(ago(1209600))
                .withLabels(Map.of("app", DB, "role", "primary", "statefulset.kubernetes.io/pod-name", DB + "-0", SIMULATED, "true"))
                .endMetadata()
                .withNewSpec().withNodeName("worker-1").addNewContainer().withName("postgres").withImage("postgres:17.2")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")))
                .withLimits(Map.of("memory", new Quantity("2Gi"))).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.1.10").withQosClass("Burstable").withStartTime(ago(1209600))
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("postgres").withImage("postgres:17.2").withReady(true)
                        .withRestartCount(0).withNewState().withNewRunning().withStartedAt(ago(1209600)).endRunning().endState().build())
                .endStatus().build();
    }

    @Override
    public void close() {
        api.close();
    }
}
