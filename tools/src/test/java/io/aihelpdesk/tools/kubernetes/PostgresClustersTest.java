package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresClustersTest {

    @Test
    void without_operator_crds_the_answer_says_no_operator_was_found() {
        try (KubeFixture kube = new KubeFixture()) {
            Outcome o = kube.call("get_postgres_clusters", Map.of("namespace", "all"));
            assertThat(o).as(o.toString()).isInstanceOf(Outcome.Succeeded.class);
            Outcome.Succeeded s = (Outcome.Succeeded) o;
            assertThat(s.data()).containsEntry("count", 0).containsEntry("operators_found", List.of());
            assertThat(s.text()).startsWith("No PostgreSQL operator found: none of [clusters.postgresql.cnpg.io, "
                    + "postgresqls.acid.zalan.do, postgresclusters.postgres-operator.crunchydata.com] is installed");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_cloudnativepg_cluster_reports_readiness_and_its_primary_and_a_zalando_one_finds_the_master_pod() {
        try (KubeFixture kube = new KubeFixture()) {
            crd(kube, "clusters", "postgresql.cnpg.io", "Cluster", "v1");
            crd(kube, "postgresqls", "acid.zalan.do", "postgresql", "v1");
            kube.client().genericKubernetesResources("postgresql.cnpg.io/v1", "Cluster").inNamespace("db").resource(
                    new GenericKubernetesResourceBuilder().withApiVersion("postgresql.cnpg.io/v1").withKind("Cluster")
                            .withNewMetadata().withName("orders").withNamespace("db").endMetadata()
                            .addToAdditionalProperties("spec", Map.of("instances", 3))
                            .addToAdditionalProperties("status", Map.of("readyInstances", 2, "phase", "Waiting for the instances to become active",
                                    "currentPrimary", "orders-1"))
                            .build()).create();
            kube.client().genericKubernetesResources("acid.zalan.do/v1", "postgresql").inNamespace("db").resource(
                    new GenericKubernetesResourceBuilder().withApiVersion("acid.zalan.do/v1").withKind("postgresql")
                            .withNewMetadata().withName("acid-billing").withNamespace("db").endMetadata()
                            .addToAdditionalProperties("spec", Map.of("numberOfInstances", 2))
                            .addToAdditionalProperties("status", Map.of("PostgresClusterStatus", "Running"))
                            .build()).create();
            spilo(kube, "acid-billing-0", "master");
            spilo(kube, "acid-billing-1", "replica");

            Outcome.Succeeded s = (Outcome.Succeeded) kube.call("get_postgres_clusters", Map.of("namespace", "db"));
            assertThat((List<String>) s.data().get("operators_found")).containsExactly("CloudNativePG", "Zalando postgres-operator");
            List<Map<String, Object>> clusters = (List<Map<String, Object>>) s.data().get("clusters");
            assertThat(clusters.get(0)).containsEntry("name", "orders").containsEntry("instances", 3).containsEntry("ready_instances", 2)
                    .containsEntry("primary", "orders-1").containsEntry("healthy", false);
            assertThat(clusters.get(1)).containsEntry("name", "acid-billing").containsEntry("phase", "Running")
                    .containsEntry("primary", "acid-billing-0").containsEntry("ready_instances", 2).containsEntry("healthy", true);
            assertThat(s.text()).contains("db/orders (CloudNativePG) 2/3 ready, primary orders-1 — NOT HEALTHY");
        }
    }

    private static void crd(KubeFixture kube, String plural, String group, String kind, String version) {
        kube.client().apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withPlural(plural).withKind(kind).withSingular(kind.toLowerCase()).endNames()
                .addNewVersion().withName(version).withServed(true).withStorage(true).endVersion().endSpec().build()).create();
    }

    private static void spilo(KubeFixture kube, String name, String role) {
        kube.client().pods().inNamespace("db").resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("db")
                .withLabels(Map.of("cluster-name", "acid-billing", "spilo-role", role, "application", "spilo")).endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("ghcr.io/zalando/spilo-17:4.0-p2").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("postgres").withReady(true).endContainerStatus()
                .endStatus().build()).create();
    }
}
