package io.aihelpdesk.tools.triage.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.Schemas;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.kubernetes.KubernetesToolset;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlaybookToolsTest {
    /** Named by playbooks but not in the catalog yet: the triage engine, and remediation and incident tools of later issues. */
    static final Set<String> NOT_YET_IN_CATALOG = Set.of("diagnose");
    /** Every remediation tool a playbook names is in the catalog now (RemediationToolset). */
    static final Set<String> REMEDIATION_NOT_YET_IN_CATALOG = Set.of();

    static final Playbooks BUILT_IN = Playbooks.builtIn();

    static Inventory inventory() throws Exception {
        return InventoryLoader.parse("""
                db_servers:
                  prod-orders:
                    name: Orders
                    connection_string: "host=db.prod dbname=orders user=monitor"
                    k8s_cluster: prod-eu
                    k8s_namespace: orders
                    k8s_pod_selector: app=orders-db
                  legacy:
                    connection_string: "host=vm1 dbname=old user=monitor"
                    vm_name: vm1
                k8s_clusters:
                  prod-eu: {context: gke-prod-eu}
                vms:
                  vm1: {host: 10.0.0.9}
                """, "inventory.yaml", Map.<String, String>of()::get);
    }

    @Test
    void investigation_steps_name_only_catalog_tools_and_their_parameters() {
        List<ToolDefinition<?, ?>> catalog = new ArrayList<>(PostgresToolset.all());
        catalog.addAll(KubernetesToolset.all());
        catalog.addAll(io.aihelpdesk.tools.remediation.RemediationToolset.all(new io.aihelpdesk.tools.rollback.RollbackJournal(
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "playbook-tools-" + ProcessHandle.current().pid(), "rollbacks.db"))));
        catalog.add(ListPlaybooks.definition(BUILT_IN));
        catalog.add(GetPlaybook.definition(BUILT_IN, t -> true));
        Map<String, ToolDefinition<?, ?>> byName = catalog.stream().collect(Collectors.toMap(ToolDefinition::name, d -> d));
        List<String> wrong = new ArrayList<>();
        for (Playbook pb : BUILT_IN.all()) {
            for (Playbook.Step step : pb.investigation()) {
                ToolDefinition<?, ?> d = byName.get(step.tool());
                if (d == null) {
                    if (!NOT_YET_IN_CATALOG.contains(step.tool())) {
                        wrong.add(pb.id() + ": investigation tool " + step.tool() + " is not in the catalog");
                    }
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) Schemas.input(d.params()).get("properties");
                step.arguments().keySet().stream().filter(a -> !properties.containsKey(a))
                        .forEach(a -> wrong.add(pb.id() + ": " + step.tool() + " has no parameter " + a));
            }
            for (Playbook.Remedy r : pb.remediation()) {
                if (r.tool() != null && !byName.containsKey(r.tool()) && !REMEDIATION_NOT_YET_IN_CATALOG.contains(r.tool())) {
                    wrong.add(pb.id() + ": remediation tool " + r.tool() + " is neither in the catalog nor an announced one");
                }
                if (r.tool() != null && byName.containsKey(r.tool())) {
                    assertThat(r.asEffect()).as(pb.id() + " " + r.tool()).isEqualTo(byName.get(r.tool()).effect());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void rendering_fills_target_and_namespace_from_the_inventory() throws Exception {
        Result<GetPlaybook.Reply> r = GetPlaybook.run(new GetPlaybook.Params("pb_compound_crash", "prod-orders", null),
                BUILT_IN, inventory(), t -> !Set.of("diagnose", "delete_pod", "create_incident_bundle").contains(t));

        Playbook pb = r.data().playbook();
        assertThat(pb.investigation().get(1).arguments()).containsExactly(Map.entry("connection_string", "prod-orders"));
        assertThat(pb.investigation().get(2).arguments()).containsExactly(Map.entry("context", "prod-eu"),
                Map.entry("namespace", "orders"), Map.entry("labels", "app=orders-db"));
        assertThat(pb.investigation().get(3).arguments()).containsExactly(Map.entry("context", "prod-eu"),
                Map.entry("namespace", "orders"), Map.entry("pod_name", "<the crashing database pod>"));
        assertThat(r.data().placement())
                .isEqualTo("prod-orders (Orders) runs in Kubernetes namespace orders of cluster prod-eu, pods selected by app=orders-db");
        String allText = pb.toString();
        assertThat(allText).doesNotContain("{{target}}", "{{namespace}}", "{{context}}", "{{selector}}");
        assertThat(r.summary()).startsWith("Playbook pb_compound_crash v1 — Database unreachable because its pod is crashing\n"
                        + "Target: prod-orders (Orders) runs in Kubernetes namespace orders")
                .contains("1. diagnose(connection_string=\"prod-orders\") — not offered by this server yet: skip this step\n",
                        "2. check_connection(connection_string=\"prod-orders\")\n",
                        "3. get_pods(context=\"prod-eu\", namespace=\"orders\", labels=\"app=orders-db\")\n",
                        "[DESTRUCTIVE, approval expected] Once fixed, delete the stuck pod",
                        "tool: delete_pod (not offered by this server yet",
                        "with an incident bundle from create_incident_bundle (or the evidence gathered so far, until this server offers it)");
    }

    @Test
    void an_explicit_namespace_wins_and_unknown_values_stay_placeholders() throws Exception {
        Playbook explicit = GetPlaybook.run(new GetPlaybook.Params("pb_compound_crash", "prod-orders", "orders-canary"),
                BUILT_IN, inventory(), t -> true).data().playbook();
        assertThat(explicit.investigation().get(2).arguments()).containsEntry("namespace", "orders-canary");

        GetPlaybook.Reply vm = GetPlaybook.run(new GetPlaybook.Params("pb_compound_crash", "legacy", null),
                BUILT_IN, inventory(), t -> true).data();
        assertThat(vm.playbook().investigation().get(1).arguments()).containsEntry("connection_string", "legacy");
        assertThat(vm.playbook().investigation().get(2).arguments())
                .as("no cluster and no selector: those arguments are left out, the namespace is for the agent to fill")
                .containsExactly(Map.entry("namespace", "{{namespace}}"));
        assertThat(vm.placement()).startsWith("legacy (legacy) is vm on vm vm1; it has no Kubernetes placement");

        Playbook none = GetPlaybook.run(new GetPlaybook.Params("pb_lock_blocking", null, null),
                BUILT_IN, Inventory.none(), t -> true).data().playbook();
        assertThat(none.investigation().get(0).arguments()).containsEntry("connection_string", "{{target}}");
    }

    @Test
    void cluster_wide_steps_get_the_database_cluster_as_context_or_drop_it_when_there_is_none() throws Exception {
        Playbook placed = GetPlaybook.run(new GetPlaybook.Params("pb_node_pressure", "prod-orders", null),
                BUILT_IN, inventory(), t -> true).data().playbook();
        assertThat(placed.investigation().get(0).arguments()).containsExactly(Map.entry("context", "prod-eu"));
        assertThat(placed.investigation().get(4).arguments()).containsExactly(Map.entry("context", "prod-eu"),
                Map.entry("namespace", "all"), Map.entry("event_type", "Warning"));

        Playbook vm = GetPlaybook.run(new GetPlaybook.Params("pb_node_pressure", "legacy", null),
                BUILT_IN, inventory(), t -> true).data().playbook();
        assertThat(vm.investigation().get(0).arguments()).isEmpty();

        Playbook none = GetPlaybook.run(new GetPlaybook.Params("pb_node_pressure", null, null),
                BUILT_IN, Inventory.none(), t -> true).data().playbook();
        assertThat(none.investigation().get(0).arguments()).containsExactly(Map.entry("context", "{{context}}"));
    }

    @Test
    void get_playbook_accepts_a_problem_class_for_the_id() throws Exception {
        assertThat(GetPlaybook.run(new GetPlaybook.Params("lock_blocking", null, null), BUILT_IN, Inventory.none(), t -> true)
                .data().playbook().id()).isEqualTo("pb_lock_blocking");
    }

    @Test
    void get_playbook_of_an_unknown_id_lists_the_known_ones() {
        ToolFailure f = catchThrowableOfType(() -> GetPlaybook.run(new GetPlaybook.Params("pb_nope", null, null),
                BUILT_IN, Inventory.none(), t -> true), ToolFailure.class);
        assertThat(f.diagnosis().code()).isEqualTo("playbook_not_found");
        assertThat(f.diagnosis().message()).isEqualTo("no playbook 'pb_nope'");
        assertThat(f.diagnosis().hint()).startsWith("known playbooks: pb_connection_exhaustion, pb_connection_refused, ")
                .contains("pb_lock_blocking", "pb_compound_no_endpoints");
    }

    @Test
    void list_playbooks_filters_by_problem_class_and_names_the_classes_when_none_matches() {
        Result<ListPlaybooks.Reply> all = ListPlaybooks.run(new ListPlaybooks.Params(null), BUILT_IN);
        assertThat(all.data().count()).isEqualTo(30);
        assertThat(all.summary()).isEqualTo("30 playbooks");

        Result<ListPlaybooks.Reply> one = ListPlaybooks.run(new ListPlaybooks.Params("oom_killed"), BUILT_IN);
        assertThat(one.data().playbooks()).extracting(ListPlaybooks.Entry::id).containsExactly("pb_oom_killed");

        Result<ListPlaybooks.Reply> none = ListPlaybooks.run(new ListPlaybooks.Params("haunted"), BUILT_IN);
        assertThat(none.data().playbooks()).isEmpty();
        assertThat(none.summary()).startsWith("No playbook for problem class 'haunted'; known classes: connection_exhaustion, ");
    }

    @Test
    void playbook_tools_are_read_only_and_touch_no_target() {
        assertThat(List.of(ListPlaybooks.definition(BUILT_IN), GetPlaybook.definition(BUILT_IN, t -> true)))
                .allSatisfy(d -> {
                    assertThat(d.effect()).isEqualTo(Effect.READ);
                    assertThat(d.target()).isEqualTo(io.aihelpdesk.tools.TargetKind.NONE);
                });
    }
}
