package io.aihelpdesk.server.demo;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The demo's Kubernetes cluster: a Kubernetes API served over HTTP by fabric8's mock server, seeded
 * with a shop namespace where the database runs and things are going wrong the way they do in real
 * clusters (an API pod crash-looping on a wrong password, a read-only service whose selector
 * matches nothing, a reports deployment scaled to zero, a node under memory pressure). It is
 * reached through a kubeconfig file (context {@value #CONTEXT}) exactly like a real cluster.
 */
public final class DemoCluster implements AutoCloseable {
    public static final String CONTEXT = "demo";
    public static final String NAMESPACE = "shop";

    private final SimulatedApiServer api;
    private final Instant now = Instant.now();
    private final Map<String, String> logs;

    private DemoCluster(SimulatedApiServer api) {
        this.api = api;
        this.logs = api.logs();
    }

    /** Starts the API server on a free loopback port and writes its kubeconfig to {@code kubeconfig}. */
    public static DemoCluster start(Path kubeconfig) throws IOException {
        DemoCluster c = new DemoCluster(SimulatedApiServer.start(kubeconfig, CONTEXT, NAMESPACE, "demo-token",
                "The aiHelpDesk demo's SIMULATED cluster: a Kubernetes API mock, no kubelet or scheduler behind it."));
        try (KubernetesClient k = c.api.client()) {
            c.seed(k);
        }
        return c;
    }

    public Path kubeconfig() {
        return api.kubeconfig();
    }

    public String url() {
        return api.url();
    }

    /** Lines an inventory database entry needs to say where it runs in this cluster. */
    public static String inventoryPlacement() {
        return "    k8s_cluster: demo-cluster\n    k8s_namespace: " + NAMESPACE + "\n    k8s_pod_selector: \"app=orders-db\"\n";
    }

    public static String inventoryClusters() {
        return "k8s_clusters:\n  demo-cluster:\n    name: Demo cluster (simulated API server)\n    context: " + CONTEXT
                + "\n    tags: [demo]\n";
    }

    private String ago(int seconds) {
        return now.minusSeconds(seconds).toString();
    }

    private void seed(KubernetesClient k) {
        k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        nodes(k);
        database(k);
        api(k);
        k.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("reports").withNamespace(NAMESPACE).withCreationTimestamp(ago(864000)).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(Map.of("app", "reports")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "reports")).endMetadata().withNewSpec()
                .addNewContainer().withName("reports").withImage("shop/reports:2.3").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(0).addNewCondition().withType("Available").withStatus("True")
                .withReason("MinimumReplicasAvailable").endCondition().endStatus().build()).create();
    }

    private void nodes(KubernetesClient k) {
        for (String name : List.of("worker-1", "worker-2")) {
            boolean pressure = name.equals("worker-2");
            var node = new NodeBuilder().withNewMetadata().withName(name).withCreationTimestamp(ago(2592000))
                    .withLabels(Map.of("kubernetes.io/hostname", name, "node-role.kubernetes.io/worker", "")).endMetadata()
                    .withNewSpec().endSpec().withNewStatus()
                    .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "pods", new Quantity("110")))
                    .withAllocatable(Map.of("cpu", new Quantity("3800m"), "memory", new Quantity("15Gi"), "pods", new Quantity("110")))
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                    .addNewCondition().withType("MemoryPressure").withStatus(pressure ? "True" : "False")
                    .withReason(pressure ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory").endCondition()
                    .addNewCondition().withType("DiskPressure").withStatus("False").withReason("KubeletHasNoDiskPressure").endCondition()
                    .addNewCondition().withType("PIDPressure").withStatus("False").withReason("KubeletHasSufficientPID").endCondition()
                    .addNewAddress().withType("InternalIP").withAddress(pressure ? "10.0.0.12" : "10.0.0.11").endAddress()
                    .withNewNodeInfo().withKubeletVersion("v1.31.4").withContainerRuntimeVersion("containerd://1.7.24").endNodeInfo()
                    .endStatus();
            if (pressure) {
                node.editSpec().addNewTaint().withKey("node.kubernetes.io/memory-pressure").withEffect("NoSchedule").endTaint().endSpec();
            }
            k.nodes().resource(node.build()).create();
        }
    }

    private void database(KubernetesClient k) {
        Map<String, String> labels = Map.of("app", "orders-db", "role", "primary", "statefulset.kubernetes.io/pod-name", "orders-db-0");
        k.apps().statefulSets().inNamespace(NAMESPACE).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("orders-db").withNamespace(NAMESPACE).withCreationTimestamp(ago(2592000)).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("orders-db").withNewSelector().withMatchLabels(Map.of("app", "orders-db"))
                .endSelector().withNewTemplate().withNewMetadata().withLabels(Map.of("app", "orders-db")).endMetadata().withNewSpec()
                .addNewContainer().withName("postgres").withImage("postgres:17.2").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withCurrentReplicas(1)
                .withUpdatedReplicas(1).endStatus().build()).create();
        k.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName("orders-db-0").withNamespace(NAMESPACE).withCreationTimestamp(ago(1209600)).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("worker-1").addNewContainer().withName("postgres").withImage("postgres:17.2")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("4Gi")))
                .withLimits(Map.of("memory", new Quantity("4Gi"))).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.1.10").withQosClass("Burstable").withStartTime(ago(1209600))
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("postgres").withImage("postgres:17.2").withReady(true)
                        .withRestartCount(0).withNewState().withNewRunning().withStartedAt(ago(1209600)).endRunning().endState().build())
                .endStatus().build()).create();
        logs.put("orders-db-0/postgres", """
                LOG:  database system is ready to accept connections
                FATAL:  password authentication failed for user "orders_app"
                DETAIL:  Connection matched file "/var/lib/postgresql/data/pg_hba.conf" line 100: "host all all all scram-sha-256"
                FATAL:  password authentication failed for user "orders_app"
                """);
        k.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-orders-db-0").withNamespace(NAMESPACE).withCreationTimestamp(ago(2592000)).endMetadata()
                .withNewSpec().withStorageClassName("standard").withAccessModes("ReadWriteOnce").withVolumeName("pvc-4f1c2d9e")
                .withNewResources().withRequests(Map.of("storage", new Quantity("20Gi"))).endResources().endSpec()
                .withNewStatus().withPhase("Bound").withCapacity(Map.of("storage", new Quantity("20Gi"))).withAccessModes("ReadWriteOnce")
                .endStatus().build()).create();
        service(k, "orders-db", Map.of("app", "orders-db", "role", "primary"));
        k.endpoints().inNamespace(NAMESPACE).resource(new EndpointsBuilder().withNewMetadata().withName("orders-db").withNamespace(NAMESPACE)
                .endMetadata().addNewSubset().addNewAddress().withIp("10.244.1.10").withNodeName("worker-1")
                .withNewTargetRef().withKind("Pod").withName("orders-db-0").withNamespace(NAMESPACE).endTargetRef().endAddress()
                .addNewPort().withName("postgres").withPort(5432).withProtocol("TCP").endPort().endSubset().build()).create();
        service(k, "orders-db-ro", Map.of("app", "orders-db", "role", "replica"));
        k.endpoints().inNamespace(NAMESPACE).resource(new EndpointsBuilder().withNewMetadata().withName("orders-db-ro")
                .withNamespace(NAMESPACE).endMetadata().build()).create();
    }

    private void service(KubernetesClient k, String name, Map<String, String> selector) {
        k.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withCreationTimestamp(ago(2592000)).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(name.endsWith("-ro") ? "10.96.20.8" : "10.96.20.7").withSelector(selector)
                .addNewPort().withName("postgres").withPort(5432).withNewTargetPort(5432).withProtocol("TCP").endPort().endSpec()
                .build()).create();
    }

    private void api(KubernetesClient k) {
        String pod = "orders-api-6f7c9d8b4-h2x7k";
        k.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("orders-api").withNamespace(NAMESPACE).withCreationTimestamp(ago(2592000)).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", "orders-api")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "orders-api")).endMetadata().withNewSpec()
                .addNewContainer().withName("api").withImage("shop/orders-api:1.8.0").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(1).withUpdatedReplicas(1).withUnavailableReplicas(1)
                .addNewCondition().withType("Available").withStatus("False").withReason("MinimumReplicasUnavailable")
                .withMessage("Deployment does not have minimum availability.").endCondition().endStatus().build()).create();
        k.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(pod).withNamespace(NAMESPACE).withCreationTimestamp(ago(1800))
                .withLabels(Map.of("app", "orders-api")).endMetadata()
                .withNewSpec().withNodeName("worker-2").addNewContainer().withName("api").withImage("shop/orders-api:1.8.0")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("memory", new Quantity("512Mi"))).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.2.31").withStartTime(ago(1800))
                .addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady")
                .withMessage("containers with unready status: [api]").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("api").withImage("shop/orders-api:1.8.0").withReady(false)
                        .withRestartCount(12).withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container=api pod=" + pod).endWaiting().endState()
                        .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).withStartedAt(ago(95))
                        .withFinishedAt(ago(93)).endTerminated().endLastState().build())
                .endStatus().build()).create();
        logs.put(pod + "/api", "");
        logs.put(pod + "/api/previous", """
                2026-11-25T09:14:02Z INFO  orders-api 1.8.0 starting
                2026-11-25T09:14:02Z INFO  connecting to orders-db.shop.svc:5432 as orders_app
                2026-11-25T09:14:03Z ERROR FATAL: password authentication failed for user "orders_app"
                2026-11-25T09:14:03Z ERROR cannot start without a database connection; exiting with status 1
                """);
        k.v1().events().inNamespace(NAMESPACE).resource(new EventBuilder()
                .withNewMetadata().withName(pod + ".backoff").withNamespace(NAMESPACE).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName(pod).withNamespace(NAMESPACE).endInvolvedObject()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container api in pod " + pod)
                .withNewSource().withComponent("kubelet").withHost("worker-2").endSource()
                .withCount(57).withFirstTimestamp(ago(1700)).withLastTimestamp(ago(20)).build()).create();
    }

    @Override
    public void close() {
        api.close();
    }
}
