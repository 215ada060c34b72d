package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same diagnoses against a real cluster (k3s in Docker), where the faults are produced for real
 * rather than written as status: a pod that asks for more memory than any node has, an image that
 * does not exist, a service whose selector matches nothing, a claim on a missing StorageClass.
 * Skipped where Docker is not available.
 */
class K3sClusterTest {
    static K3sContainer k3s;
    static KubernetesClient client;
    static Invoker invoker;
    static KubernetesTargets targets;
    static Path kubeconfig;

    @BeforeAll
    static void cluster() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "Docker is not available: the k3s tests are skipped");
        k3s = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));
        k3s.start();
        kubeconfig = Files.createTempFile("k3s", ".yaml");
        Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
        targets = new KubernetesTargets(Inventory.none(), new KubernetesClients(new KubernetesSettings(kubeconfig, Duration.ofSeconds(10))));
        invoker = new Invoker(new Catalog(KubernetesToolset.all()), DatabaseTargets.of(Inventory.none()),
                new ConnectionPools(PostgresSettings.defaults()), targets);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("too-big").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.10")
                .withNewResources().withRequests(Map.of("memory", new Quantity("4Ti"))).endResources().endContainer().endSpec()
                .build()).create();
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("no-image").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.invalid/shop/none:0.0.0").endContainer().endSpec()
                .build()).create();
        client.persistentVolumeClaims().inNamespace("shop").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").endMetadata().withNewSpec().withStorageClassName("fast-ssd-typo")
                .withAccessModes("ReadWriteOnce").withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources()
                .endSpec().build()).create();
        client.services().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("orders-db-rw").endMetadata().withNewSpec()
                .withSelector(Map.of("app", "orders-db", "role", "primary")).addNewPort().withPort(5432).endPort().endSpec()
                .build()).create();
        await(() -> client.v1().events().inNamespace("shop").list().getItems().stream()
                .anyMatch(e -> "FailedScheduling".equals(e.getReason())));
        await(() -> client.v1().events().inNamespace("shop").list().getItems().stream()
                .anyMatch(e -> "ProvisioningFailed".equals(e.getReason())));
        await(() -> client.pods().inNamespace("shop").withName("no-image").get().getStatus().getContainerStatuses().stream()
                .anyMatch(c -> c.getState().getWaiting() != null && List.of("ErrImagePull", "ImagePullBackOff").contains(c.getState().getWaiting().getReason())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (targets != null) {
            targets.close();
            client.close();
            Files.deleteIfExists(kubeconfig);
        }
        if (k3s != null) {
            k3s.stop();
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in 120 s").isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    static Map<String, Object> ok(String tool, Map<String, Object> args) {
        Outcome o = invoker.invoke(new Invocation(tool, args, Caller.osUser("test"), null, "test"));
        assertThat(o).as(o.toString()).isInstanceOf(Outcome.Succeeded.class);
        return ((Outcome.Succeeded) o).data();
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_unschedulable_pod_shows_the_scheduler_reason() {
        Map<String, Object> r = ok("describe_pod", Map.of("namespace", "shop", "pod_name", "too-big"));
        assertThat((List<Map<String, Object>>) r.get("conditions")).anySatisfy(c -> assertThat(c)
                .containsEntry("type", "PodScheduled").containsEntry("status", "False").containsEntry("reason", "Unschedulable"));
        assertThat((List<Map<String, Object>>) r.get("events")).anySatisfy(e -> assertThat((String) e.get("message")).contains("Insufficient memory"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_missing_image_shows_an_image_pull_failure() {
        Map<String, Object> r = ok("get_pods", Map.of("namespace", "shop"));
        assertThat((List<Map<String, Object>>) r.get("pods")).anySatisfy(p -> assertThat(p).containsEntry("name", "no-image")
                .satisfies(x -> assertThat((String) x.get("status")).isIn("ErrImagePull", "ImagePullBackOff")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_claim_on_a_missing_storage_class_is_pending_with_the_provisioning_failure() {
        Map<String, Object> r = ok("get_pvcs", Map.of("namespace", "shop"));
        Map<String, Object> data = ((List<Map<String, Object>>) r.get("claims")).get(0);
        assertThat(data).containsEntry("phase", "Pending").containsEntry("storage_class", "fast-ssd-typo");
        assertThat((List<Map<String, Object>>) data.get("events")).anySatisfy(e -> assertThat(e).containsEntry("reason", "ProvisioningFailed"));
    }

    @Test
    void a_service_whose_selector_matches_nothing_gets_the_selector_hint() {
        Map<String, Object> r = ok("get_endpoints", Map.of("namespace", "shop", "endpoint_name", "orders-db-rw"));
        assertThat(r.toString()).contains("app=orders-db,role=primary");
    }

    @Test
    void the_current_context_of_the_kubeconfig_is_named_in_the_target() {
        Outcome o = invoker.invoke(new Invocation("get_events", Map.of("namespace", "shop"), Caller.osUser("test"), null, "test"));
        assertThat(((Outcome.Succeeded) o).target()).isEqualTo("default/shop");
    }
}
