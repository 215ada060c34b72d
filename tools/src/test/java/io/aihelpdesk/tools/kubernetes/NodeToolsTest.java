package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeToolsTest {
    static KubeFixture kube;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        ClusterFaults faults = new ClusterFaults(kube.client());
        faults.nodePressure();
        faults.nodeUnreachable();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    @Test
    void get_nodes_shows_status_roles_kubelet_version_and_addresses() {
        Outcome.Succeeded s = kube.ok("get_nodes", Map.of());
        assertThat(s.data()).containsEntry("count", 4);
        assertThat(KubeFixture.named(s.data(), "nodes", "worker-1")).containsEntry("status", "Ready").containsEntry("roles", List.of("worker"))
                .containsEntry("kubelet_version", "v1.31.4").containsEntry("internal_ip", "10.0.0.11")
                .containsEntry("external_ip", null).containsEntry("labels", null).containsEntry("pressures", List.of());
        assertThat(KubeFixture.named(s.data(), "nodes", "cp-1")).containsEntry("roles", List.of("control-plane")).containsEntry("external_ip", "198.51.100.7");
        assertThat(KubeFixture.named(s.data(), "nodes", "worker-3")).containsEntry("status", "Unknown,SchedulingDisabled");
        assertThat(KubeFixture.named(s.data(), "nodes", "worker-2")).containsEntry("status", "Ready").containsEntry("pressures", List.of("MemoryPressure"));
        assertThat(s.text()).contains("4 nodes in context mock: 3 Ready; not ready: worker-3 Unknown,SchedulingDisabled; "
                + "cordoned: worker-3; under pressure: worker-2 (MemoryPressure)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_nodes_includes_labels_only_when_asked() {
        Map<String, Object> r = kube.ok("get_nodes", Map.of("show_labels", true)).data();
        assertThat((Map<String, Object>) KubeFixture.named(r, "nodes", "worker-2").get("labels")).containsEntry("kubernetes.io/hostname", "worker-2")
                .containsKey("node-role.kubernetes.io/worker");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_node_status_shows_memory_pressure_capacity_and_taint_of_worker_2() {
        Outcome.Succeeded s = kube.ok("get_node_status", Map.of("node_name", "worker-2"));
        Map<String, Object> n = KubeFixture.named(s.data(), "nodes", "worker-2");
        assertThat(n).containsEntry("ready", "True").containsEntry("memory_pressure", "True").containsEntry("disk_pressure", "False")
                .containsEntry("pid_pressure", "False").containsEntry("network_unavailable", null).containsEntry("unschedulable", false)
                .containsEntry("capacity", Map.of("cpu", "4", "memory", "16Gi", "pods", "110"))
                .containsEntry("allocatable", Map.of("cpu", "3800m", "memory", "15Gi", "pods", "110"));
        assertThat((List<Map<String, Object>>) n.get("taints")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("key", "node.kubernetes.io/memory-pressure").containsEntry("effect", "NoSchedule"));
        assertThat((List<String>) n.get("problems")).containsExactly(
                "MemoryPressure: kubelet has insufficient memory available (KubeletHasInsufficientMemory)",
                "taint node.kubernetes.io/memory-pressure:NoSchedule keeps pods without a matching toleration from being scheduled here");
        assertThat(s.text()).startsWith("1 of 1 node in context mock with problems: worker-2: MemoryPressure: kubelet has insufficient memory");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_node_status_lists_problems_per_node_and_ignores_intentional_taints() {
        Outcome.Succeeded s = kube.ok("get_node_status", Map.of());
        assertThat((List<String>) KubeFixture.named(s.data(), "nodes", "worker-1").get("problems")).isEmpty();
        assertThat((List<String>) KubeFixture.named(s.data(), "nodes", "cp-1").get("problems")).isEmpty();
        assertThat((List<String>) KubeFixture.named(s.data(), "nodes", "worker-3").get("problems")).hasSize(4)
                .first().asString().startsWith("Ready status Unknown (the kubelet stopped reporting): Kubelet stopped posting node status.");
        assertThat((List<String>) KubeFixture.named(s.data(), "nodes", "worker-3").get("problems"))
                .contains("cordoned: spec.unschedulable is true, no new pods are placed here")
                .anySatisfy(p -> assertThat(p).contains("node.kubernetes.io/unreachable:NoExecute").contains("evicts running ones"));
        assertThat(s.text()).startsWith("2 of 4 nodes in context mock with problems: worker-2: MemoryPressure");
    }

    @Test
    void get_node_status_of_a_missing_node_lists_the_nodes_that_exist() {
        Outcome o = kube.call("get_node_status", Map.of("node_name", "worker-9"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        var d = ((Outcome.Failed) o).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).isEqualTo("node 'worker-9' not found in context mock");
        assertThat(d.hint()).isEqualTo("nodes there: cp-1, worker-1, worker-2, worker-3");
    }
}
