package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkloadToolsTest {
    static KubeFixture kube;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        ClusterFaults faults = new ClusterFaults(kube.client());
        faults.scaledToZero();
        faults.stalledRollout();
        faults.healthy();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    @Test
    void get_workloads_flags_checkout_scaled_to_zero() {
        Outcome.Succeeded s = kube.ok("get_workloads", Map.of("namespace", ClusterFaults.NS));
        assertThat(KubeFixture.named(s.data(), "workloads", "checkout")).containsEntry("kind", "Deployment").containsEntry("desired", 0)
                .containsEntry("rollout", "scaled_to_zero").containsEntry("scaled_to_zero", true).containsEntry("selector", "app=checkout")
                .containsEntry("images", List.of("shop/checkout:3.1"));
        assertThat(s.text()).contains("3 workloads in mock/shop").contains("Deployment checkout is scaled to zero");
    }

    @Test
    void get_workloads_reports_a_healthy_stateful_set_as_complete() {
        Outcome.Succeeded s = kube.ok("get_workloads", Map.of("namespace", ClusterFaults.NS, "name", "session-cache"));
        assertThat(s.data()).containsEntry("count", 1);
        assertThat(KubeFixture.named(s.data(), "workloads", "session-cache")).containsEntry("kind", "StatefulSet").containsEntry("desired", 3)
                .containsEntry("ready", 3).containsEntry("available", 3).containsEntry("updated", 3).containsEntry("rollout", "complete")
                .containsEntry("scaled_to_zero", false).containsEntry("selector", "app=session-cache");
        assertThat(KubeFixture.summary(s)).isEqualTo("1 workload in mock/shop; all rolled out with every replica ready");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_workloads_reports_a_stalled_rollout_with_the_progress_deadline_message() {
        Outcome.Succeeded s = kube.ok("get_workloads", Map.of("namespace", "all", "name", "payments"));
        Map<String, Object> w = KubeFixture.named(s.data(), "workloads", "payments");
        assertThat(w).containsEntry("rollout", "stalled").containsEntry("desired", 2).containsEntry("updated", 1)
                .containsEntry("rollout_message", "ProgressDeadlineExceeded: ReplicaSet \"payments-6b7c9d5f8\" has timed out progressing.");
        assertThat((List<Map<String, Object>>) w.get("conditions")).anySatisfy(c -> assertThat(c).containsEntry("type", "Progressing")
                .containsEntry("status", "False").containsEntry("reason", "ProgressDeadlineExceeded"));
        assertThat(s.text()).contains("Deployment payments rollout stalled, 2/2 ready: ProgressDeadlineExceeded");
    }

    @Test
    void get_workloads_of_a_missing_name_lists_the_workloads_that_exist() {
        var d = kube.failed("get_workloads", Map.of("namespace", ClusterFaults.NS, "name", "chekout")).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).contains("no Deployment or StatefulSet named 'chekout' in namespace shop");
        assertThat(d.hint()).contains("Deployment/checkout", "Deployment/payments", "StatefulSet/session-cache");
    }

    @Test
    void get_workloads_in_a_namespace_that_does_not_exist_says_so() {
        var d = kube.failed("get_workloads", Map.of("namespace", "shop-prod")).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).isEqualTo("namespace 'shop-prod' does not exist in context mock");
        assertThat(d.hint()).contains("shop");
    }
}
