package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.kubernetes.ClusterFaults;
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.aihelpdesk.tools.kubernetes.KubernetesClients;
import io.aihelpdesk.tools.kubernetes.KubernetesTargets;
import io.aihelpdesk.tools.kubernetes.KubernetesToolset;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubernetes layer against the fabric8 Kubernetes API mock (reached through a kubeconfig, like a
 * real cluster), with the shop namespace's faults: the bundle holds the pods, events and the
 * database pod's describe and logs, found through the inventory's pod selector.
 */
class KubernetesLayerTest {
    private static KubeFixture kube;

    @TempDir
    Path dir;
    @TempDir
    Path extracted;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        new ClusterFaults(kube.client()).all();
        String logs = "/api/v1/namespaces/shop/pods/orders-db-0/log?pretty=false&container=postgres";
        kube.server().expect().get().withPath(logs + "&tailLines=500")
                .andReturn(200, "LOG:  database system is ready to accept connections\n").always();
        kube.server().expect().get().withPath(logs + "&previous=true&tailLines=500")
                .andReturn(200, "FATAL:  could not map anonymous shared memory: Cannot allocate memory\n").always();
        String worker = "/api/v1/namespaces/shop/pods/analytics-worker-0/log?pretty=false&container=worker";
        kube.server().expect().get().withPath(worker + "&tailLines=500").andReturn(200, "batch 42 done\n").always();
        kube.server().expect().get().withPath(worker + "&previous=true&tailLines=500")
                .andReturn(400, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                        + "\"previous terminated container \\\"worker\\\" in pod \\\"analytics-worker-0\\\" not found\",\"code\":400}").always();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    @Test
    void a_database_pod_without_a_previous_run_is_a_fact_not_an_error() throws Exception {
        Inventory inventory = InventoryLoader.parse("""
                version: "1"
                db_servers:
                  analytics:
                    connection_string: "host=127.0.0.1 port=1 dbname=analytics user=monitor"
                    k8s_cluster: mock-cluster
                    k8s_namespace: shop
                    k8s_pod_selector: "app=analytics"
                k8s_clusters:
                  mock-cluster:
                    context: mock
                """, "inventory.yaml", Map.<String, String>of()::get);
        Map<String, Object> reply = bundle(inventory, "analytics");
        Path root = IncidentFixture.extract(reply.get("bundle_path").toString(), extracted);
        assertThat(Files.readString(root.resolve("kubernetes/logs_analytics-worker-0_previous.txt")))
                .contains("container worker of pod analytics-worker-0 has no previous run");
        assertThat(root.resolve("kubernetes/logs_analytics-worker-0_previous.error.txt")).doesNotExist();
        assertThat(reply.get("errors").toString()).doesNotContain("logs_analytics-worker-0_previous");
    }

    private Map<String, Object> bundle(Inventory inventory, String infraKey) {
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(PostgresToolset.all());
        tools.addAll(KubernetesToolset.all());
        tools.addAll(IncidentToolset.all(IncidentSettings.defaults(dir, "test"), IncidentFixture.NO_SECRETS_EXPECTED));
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults());
             KubernetesTargets clusters = new KubernetesTargets(inventory, new KubernetesClients(kube.settings()))) {
            Invoker invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(inventory), pools, clusters);
            Outcome o = invoker.invoke(new Invocation("create_incident_bundle", Map.of("infra_key", infraKey,
                    "layers", "kubernetes"), Caller.osUser("test"), null, "test"));
            assertThat(o).as(o.text()).isInstanceOf(Outcome.Succeeded.class);
            return ((Outcome.Succeeded) o).data();
        }
    }

    @Test
    void bundle_holds_pods_events_and_the_database_pods_describe_and_logs() throws Exception {
        Inventory inventory = InventoryLoader.parse("""
                version: "1"
                db_servers:
                  orders-db:
                    connection_string: "host=127.0.0.1 port=1 dbname=orders user=monitor"
                    k8s_cluster: mock-cluster
                    k8s_namespace: shop
                    k8s_pod_selector: "app=orders-db"
                k8s_clusters:
                  mock-cluster:
                    name: Mock cluster
                    context: mock
                """, "inventory.yaml", Map.<String, String>of()::get);
        Map<String, Object> reply = bundle(inventory, "orders-db");
        assertThat((Map<String, Object>) CreateIncidentBundleTest.cast(reply.get("layers"))).containsEntry("kubernetes", "collected");
        Path root = IncidentFixture.extract(reply.get("bundle_path").toString(), extracted);

        assertThat(Files.readString(root.resolve("kubernetes/pods.txt"))).contains("orders-api-7d9f8c6b5-x2k4q CrashLoopBackOff");
        assertThat(Files.readString(root.resolve("kubernetes/pods_all.json"))).contains("\"namespace\" : \"shop\"");
        assertThat(Files.readString(root.resolve("kubernetes/events.txt"))).contains("FailedScheduling");
        assertThat(Files.readString(root.resolve("kubernetes/database_pods.json"))).contains("orders-db-0")
                .doesNotContain("orders-api");
        assertThat(Files.readString(root.resolve("kubernetes/describe_orders-db-0.txt"))).contains("Insufficient memory");
        assertThat(Files.readString(root.resolve("kubernetes/logs_orders-db-0.json"))).contains("ready to accept connections");
        assertThat(Files.readString(root.resolve("kubernetes/logs_orders-db-0_previous.json"))).contains("Cannot allocate memory");

        assertThat(Files.readString(root.resolve("kubernetes/services.txt"))).contains("orders-db-rw");
        assertThat(Files.readString(root.resolve("kubernetes/endpoints.json"))).contains("none is ready: orders-db-0 (Pending)");
        assertThat(Files.readString(root.resolve("kubernetes/nodes.txt"))).contains("worker-1");
        assertThat(Files.readString(root.resolve("kubernetes/workloads.txt"))).contains("checkout");
        assertThat(Files.readString(root.resolve("kubernetes/pvcs.txt"))).contains("data-orders-db-0");
        List<Map<String, Object>> errors = CreateIncidentBundleTest.cast(reply.get("errors"));
        assertThat(errors).extracting(e -> e.get("item")).doesNotContain("kubernetes/pods", "kubernetes/events",
                "kubernetes/database_pods", "kubernetes/describe_orders-db-0", "kubernetes/logs_orders-db-0");
    }
}
