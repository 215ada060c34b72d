package io.aihelpdesk.governance.guardrail;

import io.aihelpdesk.governance.OperatingMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.aihelpdesk.tools.kubernetes.KubernetesClients;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.kubernetes.KubernetesTargets;
import io.aihelpdesk.tools.kubernetes.KubernetesToolset;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guardrails on Kubernetes calls against a real API server mock: the pods blast radius stops a
 * change before any pod is touched, a protected namespace stays read-only, and the circuit of a
 * cluster that is down opens while another cluster keeps answering.
 */
class KubernetesGuardrailsTest {
    private static final Caller ALICE = new Caller("alice", "user", List.of("sre"), "test");

    /** A test-only WRITE tool: deletes the pods with label app=..., after asking the blast-radius guardrail. */
    public record DeletePods(@Param("kubeconfig context") String context, @Param("namespace") String namespace,
                      @Param(value = "value of the app label", required = true) String app) {
    }

    public record Deleted(List<String> pods) {
    }

    static final ToolDefinition<DeletePods, Deleted> DELETE_PODS = new ToolDefinition<>("fake_delete_pods",
            "test tool: deletes the pods of an app", Effect.WRITE, TargetKind.KUBERNETES, DeletePods.class, Deleted.class,
            (p, ctx) -> {
                String ns = ctx.cluster().namespace();
                List<Pod> pods = ctx.kubernetes().pods().inNamespace(ns).withLabel("app", p.app()).list().getItems();
                ctx.limitBlastRadius("pods", pods.size());
                List<String> names = new ArrayList<>();
                for (Pod pod : pods) {
                    ctx.kubernetes().pods().inNamespace(ns).withName(pod.getMetadata().getName()).delete();
                    names.add(pod.getMetadata().getName());
                }
                return Result.of(new Deleted(names), "deleted " + names);
            });

    private static final String POLICY = """
            version: "1"
            guardrails:
              blast_radius: {max_pods_affected: 2}
              circuit_breaker: {consecutive_failures: 2, open_seconds: 60}
              protected_resources:
                - resource: {type: kubernetes, match: {namespace: prod}}
                  allow: [read]
            policies:
              - name: open
                resources: [{type: kubernetes}]
                rules: [{action: [read, write, destructive], effect: allow}]
            """;

    @TempDir
    Path dir;
    private KubeFixture kube;
    private KubernetesTargets targets;
    private SqliteAuditStore audit;
    private Pipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        kube = new KubeFixture();
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "%s", insecure-skip-tls-verify: true}
                  - name: down
                    cluster: {server: "http://127.0.0.1:%d"}
                users:
                  - name: helpdesk
                    user: {token: mock-token-not-a-secret}
                contexts:
                  - name: mock
                    context: {cluster: mock, user: helpdesk, namespace: default}
                  - name: down
                    context: {cluster: down, user: helpdesk, namespace: default}
                current-context: mock
                """.formatted(kube.server().url("/").replaceAll("/$", ""), deadPort));
        targets = new KubernetesTargets(Inventory.none(), new KubernetesClients(new KubernetesSettings(kubeconfig, Duration.ofSeconds(3))));
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(KubernetesToolset.all());
        tools.add(DELETE_PODS);
        Invoker invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(Inventory.none()),
                new ConnectionPools(PostgresSettings.defaults()), targets);
        PolicyEngine engine = new PolicyEngine(PolicyFile.parse(POLICY, "policies.yaml", Map.<String, String>of()::get), Verdict.DENY, false);
        audit = new SqliteAuditStore(dir.resolve("audit.db"));
        pipeline = new Pipeline(invoker, () -> engine, audit, new Redactor(), Clock.systemUTC(), OperatingMode.FIX, null);
        for (String ns : List.of("staging", "prod")) {
            for (int i = 0; i < 3; i++) {
                pod(ns, "web-" + i, "web");
            }
            pod(ns, "worker-0", "worker");
        }
    }

    @AfterEach
    void stop() {
        audit.close();
        targets.close();
        kube.close();
    }

    private void pod(String ns, String name, String app) {
        kube.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .addToLabels("app", app).endMetadata().withNewSpec().addNewContainer().withName("c").withImage("nginx")
                .endContainer().endSpec().build()).create();
    }

    private Outcome call(String tool, Map<String, Object> args) {
        return pipeline.run(new Invocation(tool, args, ALICE, null, "test"));
    }

    private int pods(String ns) {
        return kube.client().pods().inNamespace(ns).list().getItems().size();
    }

    @Test
    void pods_blast_radius_refuses_before_any_pod_is_deleted() {
        Outcome o = call("fake_delete_pods", Map.of("namespace", "staging", "app", "web"));
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Denied.class);
        assertThat(((Outcome.Denied) o).reasons()).containsExactly("guardrail_blast_radius");
        assertThat(o.text()).contains("this call would affect 3 pods; at most 2 pods per call are allowed");
        assertThat(pods("staging")).isEqualTo(4);

        Outcome one = call("fake_delete_pods", Map.of("namespace", "staging", "app", "worker"));
        assertThat(one).as(one.text()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(pods("staging")).isEqualTo(3);
    }

    @Test
    void a_protected_namespace_stays_read_only() {
        Outcome o = call("fake_delete_pods", Map.of("namespace", "prod", "app", "worker"));
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Denied.class);
        assertThat(o.text()).contains("kubernetes prod is protected", "it allows only [read], not write");
        assertThat(pods("prod")).isEqualTo(4);
        assertThat(call("get_pods", Map.of("namespace", "prod"))).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void the_circuit_of_a_cluster_that_is_down_opens_while_another_cluster_answers() {
        for (int i = 0; i < 2; i++) {
            Outcome o = call("get_pods", Map.of("context", "down", "namespace", "staging"));
            assertThat(o).as(o.text()).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("k8s_unreachable");
        }
        Outcome open = call("get_pods", Map.of("context", "down", "namespace", "staging"));
        assertThat(open).as(open.text()).isInstanceOf(Outcome.Denied.class);
        assertThat(open.text()).contains("the circuit of cluster down is open after 2 consecutive failures (last: k8s_unreachable)");
        assertThat(call("get_pods", Map.of("context", "mock", "namespace", "staging"))).isInstanceOf(Outcome.Succeeded.class);
    }
}
