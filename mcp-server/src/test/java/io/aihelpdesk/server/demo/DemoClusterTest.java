package io.aihelpdesk.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's simulated cluster answers the Kubernetes tools like a real one, through its kubeconfig. */
class DemoClusterTest {
    @TempDir
    Path dir;

    @Test
    void the_crash_looping_api_pod_shows_why_in_its_previous_logs() throws Exception {
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, "version: \"1\"\ndb_servers:\n  demo:\n    connection_string: \"host=localhost dbname=shop\"\n"
                + DemoCluster.inventoryPlacement() + DemoCluster.inventoryClusters());
        try (DemoCluster cluster = DemoCluster.start(dir.resolve("kubeconfig"));
             Helpdesk h = new Helpdesk(InventoryLoader.load(inventory), PostgresSettings.defaults(),
                     new KubernetesSettings(cluster.kubeconfig(), KubernetesSettings.DEFAULT_TIMEOUT),
                     GovernanceOptions.auditOnly(dir.resolve("audit.db")))) {
            Outcome pods = h.pipeline().run(new Invocation("get_pods", Map.of("namespace", "shop"), Caller.osUser("test"), null, "test"));
            assertThat(pods.text()).contains("orders-api-6f7c9d8b4-h2x7k CrashLoopBackOff (12 restarts)");

            Outcome logs = h.pipeline().run(new Invocation("get_pod_logs", Map.of("namespace", "demo",
                    "pod_name", "orders-api-6f7c9d8b4-h2x7k", "previous", true, "tail_lines", 2), Caller.osUser("test"), null, "test"));
            assertThat(logs).isInstanceOf(Outcome.Succeeded.class);
            assertThat(((Outcome.Succeeded) logs).target()).isEqualTo("demo/shop");
            assertThat(((Outcome.Succeeded) logs).data()).containsEntry("lines", 2);
            assertThat(logs.text()).contains("password authentication failed for user \"orders_app\"")
                    .doesNotContain("starting");

            Outcome none = h.pipeline().run(new Invocation("get_pod_logs", Map.of("namespace", "shop",
                    "pod_name", "orders-db-0", "previous", true), Caller.osUser("test"), null, "test"));
            assertThat(none).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) none).diagnosis().code()).isEqualTo("k8s_no_previous_logs");
        }
    }
}
