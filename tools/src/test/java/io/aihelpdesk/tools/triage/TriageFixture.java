package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
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

/**
 * Runs {@code diagnose} the way a door does (through the invoker, whose nested calls run the real
 * tools) against real PostgreSQL and the Kubernetes API mock, with an inventory that places every
 * database it is given in namespace {@code shop} of the mock cluster (pods labelled app=orders-db).
 */
final class TriageFixture implements AutoCloseable {
    private final KubeFixture kube;
    private final ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults());
    private final KubernetesTargets clusters;
    private final Invoker invoker;

    TriageFixture(KubeFixture kube, Path dir, Map<String, String> databases) throws Exception {
        this.kube = kube;
        StringBuilder inv = new StringBuilder("version: \"1\"\ndb_servers:\n");
        databases.forEach((id, conn) -> inv.append("  ").append(id).append(":\n    connection_string: \"").append(conn)
                .append("\"\n    k8s_cluster: mock\n    k8s_namespace: shop\n    k8s_pod_selector: \"app=orders-db\"\n"));
        inv.append("k8s_clusters:\n  mock:\n    context: mock\n");
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, inv.toString());
        Inventory inventory = InventoryLoader.load(file);
        clusters = new KubernetesTargets(inventory, new KubernetesClients(kube.settings()));
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(List.of(Diagnose.definition()));
        tools.addAll(PostgresToolset.all());
        tools.addAll(KubernetesToolset.all());
        invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(inventory), pools, clusters);
    }

    Outcome diagnose(Map<String, Object> args) {
        return invoker.invoke(new Invocation("diagnose", args, Caller.osUser("test"), null, "test"));
    }

    /** The structured reply; fails unless diagnose itself succeeded. */
    Diagnose.Reply reply(Map<String, Object> args) {
        Outcome o = diagnose(args);
        if (!(o instanceof Outcome.Succeeded s)) {
            throw new AssertionError("diagnose did not succeed: " + o.text());
        }
        return io.aihelpdesk.tools.Json.fromRow(s.data(), Diagnose.Reply.class);
    }

    KubeFixture kube() {
        return kube;
    }

    @Override
    public void close() {
        clusters.close();
        pools.close();
    }
}
