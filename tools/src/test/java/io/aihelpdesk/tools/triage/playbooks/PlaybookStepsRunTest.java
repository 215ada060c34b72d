package io.aihelpdesk.tools.triage.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.aihelpdesk.tools.kubernetes.KubernetesToolset;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rendered Kubernetes steps are calls the tools accept: every step whose arguments the rendering
 * fills completely runs against a Kubernetes API server (mock) in the inventory's cluster and
 * namespace, with a closed inventory that refuses anything else.
 */
class PlaybookStepsRunTest {
    @Test
    void rendered_kubernetes_steps_run_in_the_databases_cluster_and_namespace() throws Exception {
        Inventory inventory = InventoryLoader.parse("""
                db_servers:
                  orders:
                    connection_string: "host=db1 dbname=orders user=monitor"
                    k8s_cluster: kc
                    k8s_namespace: shop
                    k8s_pod_selector: app=orders-db
                k8s_clusters:
                  kc: {context: %s}
                """.formatted(KubeFixture.CONTEXT), "inventory.yaml", Map.<String, String>of()::get);
        Set<String> kubernetesTools = KubernetesToolset.all().stream().map(ToolDefinition::name).collect(Collectors.toSet());
        Placeholders values = Placeholders.of(inventory, "orders", null);
        List<String> failures = new ArrayList<>();
        int ran = 0;
        try (KubeFixture kube = new KubeFixture()) {
            kube.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
            Invoker invoker = kube.invoker(inventory);
            for (Playbook pb : Playbooks.builtIn().all()) {
                for (Playbook.Step step : pb.render(values).investigation()) {
                    if (!kubernetesTools.contains(step.tool()) || step.arguments().values().stream().anyMatch(v -> v.contains("<"))) {
                        continue;
                    }
                    Outcome o = invoker.invoke(new Invocation(step.tool(), new LinkedHashMap<>(step.arguments()),
                            Caller.osUser("test"), null, "test"));
                    ran++;
                    if (!(o instanceof Outcome.Succeeded s)) {
                        failures.add(pb.id() + " " + PlaybookGuide.call(step) + ": " + o.text());
                    } else if (!step.tool().startsWith("get_node") && !s.target().contains("shop") && !"all".equals(step.arguments().get("namespace"))) {
                        failures.add(pb.id() + " " + PlaybookGuide.call(step) + " ran in " + s.target());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(ran).isGreaterThan(20);
    }
}
