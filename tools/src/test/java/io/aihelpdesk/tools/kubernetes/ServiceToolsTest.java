package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceToolsTest {
    static KubeFixture kube;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        ClusterFaults faults = new ClusterFaults(kube.client());
        faults.serviceWithoutEndpoints();
        faults.crashLoop();
        faults.serviceWithUnreadyBackend();
        faults.healthy();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_service_shows_load_balancer_ingress_ip_node_port_and_named_target_port() {
        Outcome.Succeeded s = kube.ok("get_service", Map.of("namespace", ClusterFaults.NS));
        Map<String, Object> lb = KubeFixture.named(s.data(), "services", "storefront");
        assertThat(lb).containsEntry("type", "LoadBalancer").containsEntry("cluster_ip", "10.96.80.10")
                .containsEntry("external_ips", List.of("203.0.113.10")).containsEntry("external_pending", false)
                .containsEntry("selector", Map.of("app", "storefront"));
        assertThat(((List<Map<String, Object>>) lb.get("ports")).get(0)).containsEntry("name", "http").containsEntry("port", 80)
                .containsEntry("target_port", "http").containsEntry("protocol", "TCP").containsEntry("node_port", 31080);
        assertThat(KubeFixture.named(s.data(), "services", "admin-ui")).containsEntry("external_pending", true).containsEntry("external_ips", List.of());
        // the mock API server stamps its own creation time, so only the presence of an age is checked
        assertThat(KubeFixture.named(s.data(), "services", "orders-db-rw")).containsEntry("type", "ClusterIP").hasEntrySatisfying("age",
                age -> assertThat((String) age).matches("\\d+[smhdy].*"));
        assertThat(s.text()).contains("LoadBalancer without an external address yet: admin-ui")
                .contains("storefront LoadBalancer 10.96.80.10 external 203.0.113.10 80/TCP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_service_filters_by_type_and_by_name() {
        Map<String, Object> clusterIps = kube.ok("get_service", Map.of("namespace", ClusterFaults.NS, "service_type", "ClusterIP")).data();
        assertThat((List<Map<String, Object>>) clusterIps.get("services")).extracting(x -> x.get("name"))
                .containsExactly("orders-api", "orders-db-rw");
        Map<String, Object> one = kube.ok("get_service", Map.of("namespace", ClusterFaults.NS, "service_name", "orders-db-rw")).data();
        assertThat(one).containsEntry("count", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_endpoints_names_the_selector_no_pod_matches_and_the_pod_that_almost_does() {
        Outcome.Succeeded s = kube.ok("get_endpoints", Map.of("namespace", ClusterFaults.NS, "endpoint_name", "orders-db-rw"));
        Map<String, Object> e = ((List<Map<String, Object>>) s.data().get("endpoints")).get(0);
        assertThat(e).containsEntry("name", "orders-db-rw").containsEntry("addresses", List.of()).containsEntry("ready", 0);
        assertThat((String) e.get("hint")).contains("no pod in namespace shop matches the service's selector app=orders-db,role=primary")
                .contains("pods matching part of it: orders-db-1 (app=orders-db,role=leader)");
        assertThat(s.text()).contains("no ready address: orders-db-rw").contains("app=orders-db,role=primary");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_endpoints_lists_ready_and_not_ready_addresses_with_their_pods() {
        Map<String, Object> r = kube.ok("get_endpoints", Map.of("namespace", ClusterFaults.NS)).data();
        Map<String, Object> e = KubeFixture.named(r, "endpoints", "storefront");
        assertThat(e).containsEntry("ready", 2).containsEntry("not_ready", 1).containsEntry("hint", null);
        assertThat((List<Map<String, Object>>) e.get("addresses"))
                .contains(Map.of("ip", "10.244.1.40", "node", "worker-1", "pod", "storefront-5f6d7c8b9-a1b2c", "ready", true))
                .last().satisfies(a -> assertThat(a).containsEntry("pod", "storefront-5f6d7c8b9-g5h6i").containsEntry("ready", false));
        assertThat((List<Map<String, Object>>) e.get("ports")).containsExactly(Map.of("name", "http", "port", 8080, "protocol", "TCP"));
    }

    @Test
    void get_endpoints_says_when_matching_pods_are_not_ready() {
        Map<String, Object> r = kube.ok("get_endpoints", Map.of("namespace", ClusterFaults.NS)).data();
        assertThat((String) KubeFixture.named(r, "endpoints", "orders-api").get("hint"))
                .isEqualTo("1 pod matches the selector app=orders-api but none is ready: orders-api-7d9f8c6b5-x2k4q (CrashLoopBackOff)"
                        + " — see describe_pod and get_pod_logs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void describe_service_flags_no_endpoints_naming_the_selector() {
        Outcome.Succeeded s = kube.ok("describe_service", Map.of("namespace", ClusterFaults.NS, "service_name", "orders-db-rw"));
        assertThat((Map<String, Object>) s.data().get("service")).containsEntry("cluster_ip", "10.96.14.7");
        assertThat(s.data()).containsEntry("endpoints", List.of()).containsEntry("ready_endpoints", 0);
        assertThat((String) s.data().get("hint")).contains("orders-db-1 (app=orders-db,role=leader)");
        assertThat(s.text()).startsWith("Service shop/orders-db-rw (ClusterIP 10.96.14.7 5432/TCP): no endpoints for selector "
                + "app=orders-db,role=primary — no pod in namespace shop matches");
    }

    @Test
    @SuppressWarnings("unchecked")
    void describe_service_shows_backends_and_load_balancer_events() {
        kube.client().v1().events().inNamespace(ClusterFaults.NS).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName("storefront.lb").withNamespace(ClusterFaults.NS).endMetadata()
                .withNewInvolvedObject().withKind("Service").withName("storefront").withNamespace(ClusterFaults.NS).endInvolvedObject()
                .withType("Normal").withReason("EnsuredLoadBalancer").withMessage("Ensured load balancer").withCount(1)
                .withNewSource().withComponent("service-controller").endSource().build()).create();
        Outcome.Succeeded s = kube.ok("describe_service", Map.of("namespace", ClusterFaults.NS, "service_name", "storefront"));
        assertThat(s.data()).containsEntry("ready_endpoints", 2).containsEntry("not_ready_endpoints", 1).containsEntry("hint", null);
        assertThat((List<Map<String, Object>>) s.data().get("endpoints")).extracting(a -> a.get("pod"))
                .containsExactly("storefront-5f6d7c8b9-a1b2c", "storefront-5f6d7c8b9-d3e4f", "storefront-5f6d7c8b9-g5h6i");
        assertThat((List<Map<String, Object>>) s.data().get("events")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("reason", "EnsuredLoadBalancer"));
        assertThat(s.text()).contains("2 ready endpoints, 1 not ready");
    }

    @Test
    void describe_service_of_a_missing_service_lists_the_services_that_exist() {
        Outcome o = kube.call("describe_service", Map.of("namespace", ClusterFaults.NS, "service_name", "orders-db"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        var d = ((Outcome.Failed) o).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).contains("service 'orders-db' not found in namespace shop");
        assertThat(d.hint()).contains("orders-db-rw").contains("storefront");
    }

    @Test
    void get_service_in_a_namespace_that_does_not_exist_names_the_namespaces_that_do() {
        Outcome o = kube.call("get_service", Map.of("namespace", "shopp"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        var d = ((Outcome.Failed) o).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).isEqualTo("namespace 'shopp' does not exist in context mock");
        assertThat(d.hint()).contains("namespaces there: shop");
    }

    @Test
    void describe_service_in_a_namespace_that_does_not_exist_blames_the_namespace_not_the_service() {
        Outcome o = kube.call("describe_service", Map.of("namespace", "orders", "service_name", "orders-db-rw"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        var d = ((Outcome.Failed) o).diagnosis();
        assertThat(d.code()).isEqualTo("k8s_not_found");
        assertThat(d.message()).isEqualTo("namespace 'orders' does not exist in context mock");
    }
}
