package io.aihelpdesk.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubernetes calls are governed like database calls: resource type kubernetes, named by namespace. */
class KubernetesPolicyTest {
    static KubeFixture kube;

    @TempDir
    Path dir;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        for (String ns : List.of("prod", "staging")) {
            kube.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("orders-db-0").withNamespace(ns)
                    .endMetadata().withNewSpec().addNewContainer().withName("postgres").withImage("postgres:17").endContainer().endSpec()
                    .build()).create();
            kube.server().expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/orders-db-0/log?pretty=false&container=postgres&tailLines=50")
                    .andReturn(200, "LOG:  database system is ready to accept connections\n").always();
        }
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    static final String POLICY = """
            version: "1"
            policies:
              - name: prod-logs-off-limits
                description: Production pod logs may hold customer data; nobody reads them through the helpdesk.
                priority: 100
                resources: [{type: kubernetes, match: {namespace: prod}}]
                rules: [{action: read, effect: deny, message: "Reading workloads in prod is not allowed"}]
              - name: kubernetes-read
                resources: [{type: kubernetes}]
                rules: [{action: read, effect: allow}]
            """;

    @Test
    void a_namespace_scoped_deny_blocks_pod_logs_in_prod_but_not_in_staging() throws Exception {
        PolicyEngine engine = new PolicyEngine(PolicyFile.parse(POLICY, "policies.yaml", Map.<String, String>of()::get), Verdict.DENY, false);
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Pipeline pipeline = new Pipeline(kube.invoker(Inventory.none()), () -> engine, audit, new Redactor(), Clock.systemUTC());

            Outcome prod = pipeline.run(new Invocation("get_pod_logs", Map.of("namespace", "prod", "pod_name", "orders-db-0"),
                    Caller.osUser("test"), null, "test"));
            assertThat(prod).isInstanceOf(Outcome.Denied.class);
            assertThat(((Outcome.Denied) prod).message()).isEqualTo("Reading workloads in prod is not allowed");

            Outcome staging = pipeline.run(new Invocation("get_pod_logs", Map.of("namespace", "staging", "pod_name", "orders-db-0"),
                    Caller.osUser("test"), null, "test"));
            assertThat(staging).isInstanceOf(Outcome.Succeeded.class);
            assertThat(((Outcome.Succeeded) staging).data().get("logs")).isEqualTo("LOG:  database system is ready to accept connections\n");

            List<AuditEvent> denied = audit.query(AuditQuery.all().trace(prod.traceId()));
            assertThat(denied).extracting(AuditEvent::eventType).containsExactly("policy_decision", "tool_execution");
            assertThat(denied.get(0).decision()).containsEntry("effect", "deny");
            assertThat(denied.get(1).outcome().status()).isEqualTo("denied");
            List<AuditEvent> allowed = audit.query(AuditQuery.all().trace(staging.traceId()));
            assertThat(allowed).extracting(AuditEvent::eventType).containsExactly("policy_decision", "tool_execution", "outcome");
            assertThat(audit.verify().valid()).isTrue();
        }
    }
}
