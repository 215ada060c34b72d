package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PodResourcesTest {
    static KubeFixture kube;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        new ClusterFaults(kube.client()).oomKilled();
        kube.client().pods().inNamespace("batch").resource(new PodBuilder()
                .withNewMetadata().withName("etl-0").withNamespace("batch").endMetadata()
                .withNewSpec().withNodeName("worker-1").addNewContainer().withName("etl").withImage("shop/etl:1")
                .withNewResources().withLimits(Map.of("memory", new Quantity("1Gi"), "cpu", new Quantity("1")))
                .withRequests(Map.of("memory", new Quantity("1Gi"), "cpu", new Quantity("500m"))).endResources()
                .endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
        kube.server().expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/batch/pods")
                .andReturn(200, new PodMetricsListBuilder().addNewItem().withNewMetadata().withName("etl-0").withNamespace("batch")
                        .endMetadata().addNewContainer().withName("etl")
                        .withUsage(Map.of("memory", new Quantity("972Mi"), "cpu", new Quantity("250m"))).endContainer().endItem()
                        .build()).always();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void usage_is_shown_against_limits_and_memory_near_the_limit_is_flagged() {
        Outcome.Succeeded s = (Outcome.Succeeded) kube.call("get_pod_resources", Map.of("namespace", "batch"));
        assertThat(s.data()).containsEntry("metrics_available", true).containsEntry("metrics_note", null);
        Map<String, Object> etl = ((List<Map<String, Object>>) ((List<Map<String, Object>>) s.data().get("pods")).get(0).get("containers")).get(0);
        assertThat((Map<String, Object>) etl.get("usage")).containsEntry("memory", "972Mi").containsEntry("memory_percent_of_limit", 94.9)
                .containsEntry("cpu_percent_of_limit", 25.0);
        assertThat((List<String>) etl.get("warnings")).containsExactly("memory at 94.9% of its limit: close to an OOM kill");
    }

    @Test
    @SuppressWarnings("unchecked")
    void without_metrics_server_requests_and_limits_are_still_shown_and_the_gap_is_explained() {
        // A cluster without metrics-server does not serve the metrics.k8s.io group at all.
        kube.server().expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods")
                .andReturn(404, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(404).withReason("NotFound")
                        .withMessage("the server could not find the requested resource").build()).always();
        Outcome.Succeeded s = (Outcome.Succeeded) kube.call("get_pod_resources", Map.of("namespace", ClusterFaults.NS));
        assertThat(s.data()).containsEntry("metrics_available", false);
        assertThat((String) s.data().get("metrics_note")).contains("metrics-server did not answer");
        Map<String, Object> worker = ((List<Map<String, Object>>) ((List<Map<String, Object>>) s.data().get("pods")).get(0).get("containers")).get(0);
        assertThat(worker).containsEntry("usage", null);
        assertThat((Map<String, Object>) worker.get("limits")).containsEntry("memory", "512Mi");
        assertThat((List<String>) worker.get("warnings")).containsExactly("no cpu request: the scheduler cannot place it reliably");
    }
}
