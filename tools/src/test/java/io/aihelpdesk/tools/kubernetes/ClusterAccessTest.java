package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How context and namespace arguments resolve, and what a failed API call tells the caller. */
class ClusterAccessTest {
    static KubeFixture kube;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        new ClusterFaults(kube.client()).all();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    static Inventory inventory(Path dir, boolean allowUnregistered) throws Exception {
        Path f = dir.resolve("inventory.yaml");
        Files.writeString(f, """
                version: "1"
                db_servers:
                  orders:
                    connection_string: "host=orders-db-rw.shop dbname=orders user=monitor"
                    k8s_cluster: prod
                    k8s_namespace: shop
                    k8s_pod_selector: "app=orders-db"
                    tags: [production]
                k8s_clusters:
                  prod:
                    context: mock
                    tags: [eu]
                allow_unregistered: %s
                """.formatted(allowUnregistered));
        return InventoryLoader.load(f);
    }

    static Outcome call(Inventory inv, String tool, Map<String, Object> args) {
        return kube.invoker(inv).invoke(new Invocation(tool, args, Caller.osUser("test"), null, "test"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_database_id_as_namespace_finds_its_cluster_namespace_and_pods(@TempDir Path dir) throws Exception {
        Outcome o = call(inventory(dir, false), "get_pods", Map.of("namespace", "orders"));
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        Outcome.Succeeded s = (Outcome.Succeeded) o;
        assertThat(s.target()).isEqualTo("mock/shop");
        assertThat(s.data()).containsEntry("selector", "app=orders-db");
        assertThat((List<Map<String, Object>>) s.data().get("pods")).extracting(p -> p.get("name"))
                .containsExactlyInAnyOrder("orders-db-0", "orders-db-1");
    }

    @Test
    void a_database_id_as_context_gives_its_cluster_and_namespace(@TempDir Path dir) throws Exception {
        KubernetesTarget t = new KubernetesTargets(inventory(dir, false), new KubernetesClients(kube.settings()))
                .resolve("orders", "", false);
        assertThat(t.context()).isEqualTo("mock");
        assertThat(t.namespace()).isEqualTo("shop");
        assertThat(t.databaseId()).isEqualTo("orders");
        assertThat(t.clusterId()).isEqualTo("prod");
        assertThat(t.tags()).containsExactly("eu", "production");
        assertThat(t.policyName()).isEqualTo("shop");
    }

    @Test
    void an_unregistered_context_is_refused_when_the_inventory_is_closed(@TempDir Path dir) throws Exception {
        Outcome o = call(inventory(dir, false), "get_pods", Map.of("context", KubeFixture.OTHER_CONTEXT, "namespace", "shop"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("k8s_unregistered");
        assertThat(((Outcome.Failed) o).diagnosis().hint()).contains("[prod]");
        assertThat(call(inventory(dir, true), "get_pods", Map.of("context", KubeFixture.OTHER_CONTEXT, "namespace", "shop")))
                .isInstanceOf(Outcome.Succeeded.class);
        assertThat(call(inventory(dir, false), "get_pods", Map.of("context", "prod", "namespace", "shop")))
                .isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void an_unknown_context_lists_the_known_ones() {
        Outcome o = kube.call("get_pods", Map.of("context", "prod-eu", "namespace", "shop"));
        Outcome.Failed f = (Outcome.Failed) o;
        assertThat(f.diagnosis().code()).isEqualTo("k8s_unknown_context");
        assertThat(f.diagnosis().hint()).isEqualTo("known contexts: mock, mock-staging");
    }

    @Test
    void a_malformed_namespace_is_the_callers_mistake() {
        Outcome o = kube.call("get_pods", Map.of("namespace", "../../etc"));
        assertThat(o).isInstanceOf(Outcome.Invalid.class);
        assertThat(((Outcome.Invalid) o).violations().get(0).parameter()).isEqualTo("namespace");
    }

    @Test
    void forbidden_names_the_missing_rbac_permission() {
        String msg = "pods is forbidden: User \"system:serviceaccount:ops:helpdesk\" cannot list resource \"pods\" in API group \"\" "
                + "in the namespace \"vault\"";
        kube.server().expect().get().withPath("/api/v1/namespaces/vault/pods")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403).withMessage(msg).build())
                .always();
        Outcome.Failed f = (Outcome.Failed) kube.call("get_pods", Map.of("namespace", "vault"));
        assertThat(f.diagnosis().code()).isEqualTo("k8s_forbidden");
        assertThat(f.diagnosis().message()).contains("cannot list resource \"pods\"");
        assertThat(f.diagnosis().sqlState()).isEqualTo("HTTP 403");
    }

    @Test
    void unauthorized_says_the_credentials_expired() {
        kube.server().expect().get().withPath("/api/v1/namespaces/expired/pods")
                .andReturn(401, new StatusBuilder().withStatus("Failure").withReason("Unauthorized").withCode(401).withMessage("Unauthorized").build())
                .always();
        Outcome.Failed f = (Outcome.Failed) kube.call("get_pods", Map.of("namespace", "expired"));
        assertThat(f.diagnosis().code()).isEqualTo("k8s_unauthorized");
        assertThat(f.diagnosis().hint()).contains("expired");
    }

    @Test
    void an_api_server_that_is_down_is_reported_unreachable(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("kubeconfig");
        Files.writeString(cfg, KubeFixture.kubeconfig("http://127.0.0.1:" + port));
        try (KubernetesTargets targets = new KubernetesTargets(Inventory.none(),
                new KubernetesClients(new KubernetesSettings(cfg, Duration.ofSeconds(3))))) {
            Outcome o = new io.aihelpdesk.tools.Invoker(new io.aihelpdesk.tools.Catalog(KubernetesToolset.all()),
                    io.aihelpdesk.tools.postgres.DatabaseTargets.of(Inventory.none()),
                    new io.aihelpdesk.tools.postgres.ConnectionPools(io.aihelpdesk.tools.postgres.PostgresSettings.defaults()), targets)
                    .invoke(new Invocation("get_pods", Map.of("namespace", "shop"),
                            Caller.osUser("test"), null, "test"));
            assertThat(o).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("k8s_unreachable");
            assertThat(((Outcome.Failed) o).diagnosis().message()).contains("refused");
        }
    }

    @Test
    void a_server_certificate_the_kubeconfig_does_not_trust_is_a_tls_diagnosis(@TempDir Path dir) throws Exception {
        java.util.Map<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>> responses =
                new java.util.HashMap<>();
        var https = new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(
                new io.fabric8.mockwebserver.Context(io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()),
                new io.fabric8.mockwebserver.MockWebServer(), responses,
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(responses), true);
        https.init();
        try {
            Path cfg = dir.resolve("kubeconfig");
            // the fixture's kubeconfig skips verification; this one trusts only the system CAs
            Files.writeString(cfg, KubeFixture.kubeconfig(https.url("/").replaceAll("/$", ""))
                    .replace(", insecure-skip-tls-verify: true", ""));
            try (KubernetesTargets targets = new KubernetesTargets(Inventory.none(),
                    new KubernetesClients(new KubernetesSettings(cfg, Duration.ofSeconds(5))))) {
                Outcome o = new io.aihelpdesk.tools.Invoker(new io.aihelpdesk.tools.Catalog(KubernetesToolset.all()),
                        io.aihelpdesk.tools.postgres.DatabaseTargets.of(Inventory.none()),
                        new io.aihelpdesk.tools.postgres.ConnectionPools(io.aihelpdesk.tools.postgres.PostgresSettings.defaults()), targets)
                        .invoke(new Invocation("get_pods", Map.of("namespace", "shop"), Caller.osUser("test"), null, "test"));
                assertThat(o).isInstanceOf(Outcome.Failed.class);
                assertThat(((Outcome.Failed) o).diagnosis().code()).as(o.text()).isEqualTo("k8s_tls");
            }
        } finally {
            https.destroy();
        }
    }

    @Test
    void an_api_server_slower_than_the_request_timeout_is_a_timeout_diagnosis(@TempDir Path dir) throws Exception {
        kube.server().expect().get().delay(3, java.util.concurrent.TimeUnit.SECONDS).withPath("/api/v1/namespaces/slow/pods")
                .andReturn(200, new io.fabric8.kubernetes.api.model.PodListBuilder().build()).always();
        try (KubernetesTargets targets = new KubernetesTargets(Inventory.none(),
                new KubernetesClients(new KubernetesSettings(kube.kubeconfig(), Duration.ofSeconds(1))))) {
            Outcome o = new io.aihelpdesk.tools.Invoker(new io.aihelpdesk.tools.Catalog(KubernetesToolset.all()),
                    io.aihelpdesk.tools.postgres.DatabaseTargets.of(Inventory.none()),
                    new io.aihelpdesk.tools.postgres.ConnectionPools(io.aihelpdesk.tools.postgres.PostgresSettings.defaults()), targets)
                    .invoke(new Invocation("get_pods", Map.of("namespace", "slow"), Caller.osUser("test"), null, "test"));
            assertThat(o).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) o).diagnosis().code()).as(o.text()).isEqualTo("k8s_timeout");
            assertThat(((Outcome.Failed) o).diagnosis().message()).contains("within 1000 ms");
        }
    }
}
