package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StorageToolsTest {
    static KubeFixture kube;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        ClusterFaults faults = new ClusterFaults(kube.client());
        faults.pvcPending();
        faults.healthy();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_pvcs_names_the_pending_claim_and_its_provisioning_failure() {
        Outcome.Succeeded s = kube.ok("get_pvcs", Map.of("namespace", ClusterFaults.NS));
        Map<String, Object> c = KubeFixture.named(s.data(), "claims", "data-orders-db-0");
        assertThat(c).containsEntry("phase", "Pending").containsEntry("storage_class", "fast-ssd-typo").containsEntry("requested", "100Gi")
                .containsEntry("capacity", null).containsEntry("volume", null).containsEntry("access_modes", List.of("ReadWriteOnce"));
        assertThat((List<Map<String, Object>>) c.get("events")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("reason", "ProvisioningFailed").containsEntry("source", "persistentvolume-controller").containsEntry("count", 15));
        assertThat(KubeFixture.summary(s)).isEqualTo("2 claims in mock/shop; not bound: data-orders-db-0 Pending (storage class fast-ssd-typo, 100Gi): "
                + "ProvisioningFailed: storageclass.storage.k8s.io \"fast-ssd-typo\" not found");
    }

    @Test
    void get_pvcs_shows_a_bound_claims_volume_and_capacity() {
        Outcome.Succeeded s = kube.ok("get_pvcs", Map.of("namespace", "all", "name", "data-session-cache-0"));
        assertThat(s.data()).containsEntry("count", 1);
        assertThat(KubeFixture.named(s.data(), "claims", "data-session-cache-0")).containsEntry("phase", "Bound").containsEntry("capacity", "10Gi")
                .containsEntry("volume", "pvc-3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b").containsEntry("storage_class", "standard")
                .containsEntry("events", List.of());
        assertThat(KubeFixture.summary(s)).endsWith("; all Bound");
    }

    @Test
    void get_pvcs_of_a_missing_claim_lists_the_claims_that_exist() {
        var d = kube.failed("get_pvcs", Map.of("namespace", ClusterFaults.NS, "name", "data-orders-db-1")).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).contains("persistentvolumeclaim 'data-orders-db-1' not found in namespace shop");
        assertThat(d.hint()).contains("data-orders-db-0", "data-session-cache-0");
    }

    @Test
    void get_pvcs_in_a_namespace_that_does_not_exist_says_so() {
        var d = kube.failed("get_pvcs", Map.of("namespace", "shop-staging")).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).isEqualTo("namespace 'shop-staging' does not exist in context mock");
    }
}
