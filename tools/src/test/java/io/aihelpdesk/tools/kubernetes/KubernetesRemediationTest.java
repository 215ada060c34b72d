package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.remediation.RemediationFixture;
import io.aihelpdesk.tools.rollback.RollbackEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesRemediationTest {
    static final String NS = "fix";
    static KubeFixture kube;
    static RemediationFixture fx;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        kube.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        fx = new RemediationFixture(null, kube);
    }

    @AfterAll
    static void close() {
        fx.close();
        kube.close();
    }

    static void deployment(String name, int replicas) {
        kube.client().apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("shop/" + name + ":1").endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withUpdatedReplicas(replicas).endStatus()
                .build()).create();
    }

    static Pod pod(String name, String owner) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").withImage("shop/app:1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus();
        if (owner != null) {
            b.editMetadata().addNewOwnerReference().withKind("ReplicaSet").withName(owner).withController(true)
                    .withApiVersion("apps/v1").withUid("rs-uid").endOwnerReference().endMetadata();
        }
        return kube.client().pods().inNamespace(NS).resource(b.build()).create();
    }

    static Deployment get(String name) {
        return kube.client().apps().deployments().inNamespace(NS).withName(name).get();
    }

    /** Plays the deployment controller: once spec.replicas changes, reports that many ready. */
    static CompletableFuture<Void> controller(String name, int replicas) {
        return CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                Deployment d = get(name);
                if (d.getSpec().getReplicas() == replicas) {
                    d.getStatus().setReadyReplicas(replicas);
                    d.getStatus().setReplicas(replicas);
                    kube.client().apps().deployments().inNamespace(NS).resource(d).updateStatus();
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Test
    void delete_pod_previews_the_owner_then_deletes_and_verifies() {
        String uid = pod("web-1", "web-rs").getMetadata().getUid(); // assigned by the API server
        Map<String, Object> preview = fx.ok("delete_pod", Map.of("namespace", NS, "pod_name", "web-1", "dry_run", true));
        assertThat(map(preview.get("pod"))).containsEntry("owner", "ReplicaSet/web-rs").containsEntry("replaced_by_controller", true)
                .containsEntry("uid", uid);
        assertThat((String) preview.get("undo")).startsWith("irreversible:");
        assertThat(kube.client().pods().inNamespace(NS).withName("web-1").get()).isNotNull();

        Map<String, Object> done = fx.ok("delete_pod", Map.of("namespace", NS, "pod_name", "web-1", "grace_period_seconds", 0));
        assertThat(done).containsEntry("verified", true).containsEntry("grace_period_seconds", 0)
                .containsEntry("evidence", "pod web-1 (uid " + uid + ") no longer exists");
        assertThat(kube.client().pods().inNamespace(NS).withName("web-1").get()).isNull();
    }

    @Test
    void delete_pod_is_refused_by_a_zero_pod_blast_radius_and_the_pod_stays() {
        pod("bare-1", null);
        RemediationFixture.LimitingGate gate = RemediationFixture.limit(0);
        Outcome.Failed f = fx.failed("delete_pod", Map.of("namespace", NS, "pod_name", "bare-1"), gate);
        assertThat(f.diagnosis().code()).isEqualTo("guardrail_blast_radius");
        assertThat(f.diagnosis().message()).isEqualTo("blast radius: delete_pod would affect 1 pods, the limit is 0 per call");
        assertThat(kube.client().pods().inNamespace(NS).withName("bare-1").get()).isNotNull();
    }

    @Test
    void a_pod_name_the_api_server_could_never_hold_is_refused_before_any_request_and_nothing_is_deleted() {
        pod("web-0", null);
        RemediationFixture.LimitingGate gate = RemediationFixture.limit(100);
        for (String name : List.of("web-0; rm -rf /", "../web-0", "Web-0", "web-0/status")) {
            Outcome.Failed f = fx.failed("delete_pod", Map.of("namespace", NS, "pod_name", name), gate);
            assertThat(f.diagnosis().code()).as(name).isEqualTo("k8s_invalid_name");
            assertThat(f.diagnosis().message()).isEqualTo("'" + name + "' is not a valid pod name");
        }
        assertThat(kube.client().pods().inNamespace(NS).withName("web-0").get()).isNotNull();
    }

    @Test
    void restart_deployment_sets_the_rollout_annotation_and_verifies_it() {
        deployment("api", 2);
        for (String name : List.of("api-7d9f-b", "api-7d9f-a")) {
            kube.client().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                    .addToLabels("app", "api").endMetadata().build()).create();
        }
        Map<String, Object> preview = fx.ok("restart_deployment", Map.of("namespace", NS, "name", "api", "dry_run", true));
        assertThat(preview).containsEntry("pods_replaced", 2).containsEntry("reversible", false)
                .containsEntry("pods", List.of("api-7d9f-a", "api-7d9f-b"));
        assertThat(get("api").getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();

        Map<String, Object> done = fx.ok("restart_deployment", Map.of("namespace", NS, "name", "api"));
        String at = (String) done.get("restarted_at");
        assertThat(get("api").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", at);
        assertThat(done).containsEntry("verified", true);
        assertThat((String) done.get("evidence")).startsWith("pod template annotated kubectl.kubernetes.io/restartedAt=" + at);
    }

    @Test
    void restart_statefulset_is_limited_by_its_replica_count() {
        kube.client().apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("cache").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(3).withServiceName("cache").withNewSelector().addToMatchLabels("app", "cache").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "cache").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("redis:7").endContainer().endSpec().endTemplate().endSpec()
                .build()).create();
        Map<String, Object> down = fx.ok("scale_workload", Map.of("namespace", NS, "kind", "statefulset", "name", "cache",
                "replicas", 1, "dry_run", true));
        assertThat(down).containsEntry("pods_removed", List.of("cache-2", "cache-1")).containsEntry("pod_delta", -2);
        RemediationFixture.LimitingGate gate = RemediationFixture.limit(2);
        Outcome.Failed f = fx.failed("restart_statefulset", Map.of("namespace", NS, "name", "cache"), gate);
        assertThat(f.diagnosis().message()).isEqualTo("blast radius: restart_statefulset would affect 3 pods, the limit is 2 per call");
        Map<String, Object> done = fx.ok("restart_statefulset", Map.of("namespace", NS, "name", "cache"));
        assertThat(done).containsEntry("verified", true);
    }

    @Test
    void scale_workload_previews_scales_verifies_ready_replicas_and_rolls_back() throws Exception {
        deployment("orders", 3);
        Map<String, Object> preview = fx.ok("scale_workload", Map.of("namespace", NS, "kind", "deployment", "name", "orders",
                "replicas", 1, "dry_run", true));
        assertThat(preview).containsEntry("pod_delta", -2).containsEntry("rollback_id", null);
        assertThat(get("orders").getSpec().getReplicas()).isEqualTo(3);

        CompletableFuture<Void> controller = controller("orders", 1);
        Map<String, Object> done = fx.ok("scale_workload", Map.of("namespace", NS, "kind", "deployment", "name", "orders", "replicas", 1));
        controller.join();
        assertThat(get("orders").getSpec().getReplicas()).isEqualTo(1);
        assertThat(done).containsEntry("verified", true).containsEntry("evidence", "spec.replicas 1, ready 1");
        String id = (String) done.get("rollback_id");
        RollbackEntry entry = fx.journal().find(id).orElseThrow();
        assertThat(entry.inverseTool()).isEqualTo("scale_workload");
        assertThat(entry.inverseArguments()).containsEntry("replicas", 3).containsEntry("namespace", NS).containsEntry("kind", "deployment");
        assertThat(entry.target()).isEqualTo("mock/" + NS);

        Map<String, Object> listed = fx.ok("list_rollbacks", Map.of("status", "available"));
        assertThat((List<?>) listed.get("rollbacks")).anySatisfy(e -> assertThat(map(e)).containsEntry("action_id", id));

        Map<String, Object> rollbackPreview = fx.ok("rollback_action", Map.of("action_id", id, "dry_run", true));
        assertThat(rollbackPreview).containsEntry("dry_run", true);
        assertThat(get("orders").getSpec().getReplicas()).isEqualTo(1);

        CompletableFuture<Void> back = controller("orders", 3);
        Map<String, Object> undone = fx.ok("rollback_action", Map.of("action_id", id));
        back.join();
        assertThat(get("orders").getSpec().getReplicas()).isEqualTo(3);
        assertThat(undone).containsEntry("inverse_outcome", "succeeded").containsEntry("verified", true);
        assertThat(fx.journal().find(id).orElseThrow().status()).isEqualTo(RollbackEntry.ROLLED_BACK);
    }

    @Test
    void scaling_to_zero_is_destructive_and_scaling_up_is_a_write() {
        deployment("batch", 2);
        RemediationFixture.LimitingGate gate = RemediationFixture.limit(100);
        fx.call("scale_workload", Map.of("namespace", NS, "kind", "deployment", "name", "batch", "replicas", 0, "dry_run", true), gate);
        fx.call("scale_workload", Map.of("namespace", NS, "kind", "deployment", "name", "batch", "replicas", 4, "dry_run", true), gate);
        assertThat(gate.admitted).extracting(a -> a.effect()).containsExactly(Effect.DESTRUCTIVE, Effect.WRITE);
        assertThat(gate.admitted.get(0).tool().effect()).isEqualTo(Effect.WRITE);
    }

    @Test
    void a_reversible_change_is_refused_when_its_inverse_cannot_be_recorded() throws Exception {
        deployment("unjournaled", 2);
        java.nio.file.Path notADirectory = java.nio.file.Files.createTempFile("not-a-dir", ".txt");
        try (RemediationFixture broken = new RemediationFixture(null, kube, notADirectory.resolve("rollbacks.db"))) {
            Outcome.Failed f = broken.failed("scale_workload", Map.of("namespace", NS, "kind", "deployment", "name", "unjournaled", "replicas", 4));
            assertThat(f.diagnosis().code()).isEqualTo("rollback_journal_unavailable");
            assertThat(f.diagnosis().message()).contains("so this reversible change is not made");
        } finally {
            java.nio.file.Files.deleteIfExists(notADirectory);
        }
        assertThat(get("unjournaled").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void the_journal_survives_reopening_and_an_action_is_claimed_once() {
        deployment("claimed", 2);
        String id = (String) fx.ok("scale_workload", Map.of("namespace", NS, "kind", "deployment", "name", "claimed",
                "replicas", 0)).get("rollback_id");
        io.aihelpdesk.tools.rollback.RollbackJournal reopened = new io.aihelpdesk.tools.rollback.RollbackJournal(fx.journalFile());
        assertThat(reopened.find(id)).get().satisfies(e -> {
            assertThat(e.tool()).isEqualTo("scale_workload");
            assertThat(e.preState()).containsEntry("replicas", 2);
            assertThat(e.principal()).isEqualTo(fx.journal().find(id).orElseThrow().principal());
        });
        assertThat(reopened.claim(id)).isTrue();
        assertThat(fx.journal().claim(id)).isFalse();
        Outcome.Failed busy = fx.failed("rollback_action", Map.of("action_id", id));
        assertThat(busy.diagnosis().code()).isEqualTo("rollback_unavailable");
        assertThat(busy.diagnosis().message()).isEqualTo("action " + id + " is rolling_back");
        reopened.release(id);
        assertThat(fx.journal().find(id).orElseThrow().status()).isEqualTo(RollbackEntry.AVAILABLE);
    }

    @Test
    void a_rollback_whose_inverse_is_refused_stays_available() {
        deployment("refused", 2);
        Map<String, Object> done = fx.ok("scale_workload", Map.of("namespace", NS, "kind", "deployment", "name", "refused", "replicas", 5));
        String id = (String) done.get("rollback_id");
        Outcome.Failed f = fx.failed("rollback_action", Map.of("action_id", id), RemediationFixture.limit(1));
        assertThat(f.diagnosis().code()).isEqualTo("rollback_refused");
        assertThat(f.diagnosis().message()).contains("blast radius: scale_workload would affect 3 pods, the limit is 1 per call");
        assertThat(fx.journal().find(id).orElseThrow().status()).isEqualTo(RollbackEntry.AVAILABLE);
        assertThat(get("refused").getSpec().getReplicas()).isEqualTo(5);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
