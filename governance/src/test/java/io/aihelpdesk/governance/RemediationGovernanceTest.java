package io.aihelpdesk.governance;

import io.aihelpdesk.governance.OperatingMode;
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
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.aihelpdesk.tools.remediation.RemediationFixture;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remediation calls through the pipeline: the per-call effect (scaling to zero is destructive)
 * decides policy and the audit's action class, dry runs are recognisable in the audit, the
 * verification result is chained with the outcome, and a rollback's inverse is its own governed call.
 */
class RemediationGovernanceTest {
    static KubeFixture kube;
    static RemediationFixture fx;

    @TempDir
    Path dir;

    static final String POLICY = """
            version: "1"
            policies:
              - name: no-destructive-changes
                priority: 100
                resources: [{type: kubernetes}]
                rules:
                  - {action: destructive, effect: deny, message: "Destructive changes need a change ticket"}
                  - {action: [read, write], effect: allow}
            """;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        kube.client().apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                .withNewMetadata().withName("orders").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "orders").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "orders").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("shop/orders:1").endContainer().endSpec()
                .endTemplate().endSpec().withNewStatus().withReadyReplicas(2).endStatus().build()).create();
        fx = new RemediationFixture(null, kube);
    }

    @AfterAll
    static void close() {
        fx.close();
        kube.close();
    }

    static Invocation call(String tool, Map<String, Object> args) {
        return new Invocation(tool, args, Caller.osUser("sre"), null, "test");
    }

    @Test
    void scaling_to_zero_is_governed_and_audited_as_destructive_while_other_scales_are_writes() throws Exception {
        PolicyEngine engine = new PolicyEngine(PolicyFile.parse(POLICY, "policies.yaml", Map.<String, String>of()::get), Verdict.DENY, false);
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Pipeline pipeline = new Pipeline(fx.invoker(), () -> engine, audit, new Redactor(), Clock.systemUTC(), OperatingMode.FIX, null);

            Outcome zero = pipeline.run(call("scale_workload", Map.of("namespace", "shop", "kind", "deployment", "name", "orders", "replicas", 0)));
            assertThat(zero).isInstanceOf(Outcome.Denied.class);
            assertThat(((Outcome.Denied) zero).message()).isEqualTo("Destructive changes need a change ticket");
            List<AuditEvent> denied = audit.query(AuditQuery.all().trace(zero.traceId()));
            assertThat(denied).extracting(AuditEvent::actionClass).containsOnly("destructive");
            assertThat(kube.client().apps().deployments().inNamespace("shop").withName("orders").get().getSpec().getReplicas()).isEqualTo(2);

            Outcome preview = pipeline.run(call("scale_workload", Map.of("namespace", "shop", "kind", "deployment", "name", "orders",
                    "replicas", 3, "dry_run", true)));
            assertThat(preview).isInstanceOf(Outcome.Succeeded.class);
            List<AuditEvent> dry = audit.query(AuditQuery.all().trace(preview.traceId()));
            AuditEvent dryOutcome = dry.get(dry.size() - 1);
            assertThat(dryOutcome.eventType()).isEqualTo("outcome");
            assertThat(dryOutcome.actionClass()).isEqualTo("write");
            assertThat(dry).filteredOn(e -> e.eventType().equals("tool_execution"))
                    .allSatisfy(e -> assertThat(e.tool().parameters()).containsEntry("dry_run", true));
            assertThat(dryOutcome.outcome().verified()).isNull(); // a preview verifies nothing

            // No controller runs in the mock: the replicas never become ready, and the audit says so.
            Outcome scaled = pipeline.run(call("scale_workload", Map.of("namespace", "shop", "kind", "deployment", "name", "orders", "replicas", 3)));
            assertThat(scaled).isInstanceOf(Outcome.Succeeded.class);
            List<AuditEvent> real = audit.query(AuditQuery.all().trace(scaled.traceId()));
            AuditEvent outcome = real.get(real.size() - 1);
            assertThat(outcome.outcome().status()).isEqualTo("success");
            assertThat(outcome.outcome().verified()).isFalse();
            assertThat(AuditEvent.fromJson(outcome.toJson()).outcome().verified()).isFalse();
            assertThat(outcome.toJson()).contains("\"verified\":false");

            String actionId = (String) ((Outcome.Succeeded) scaled).data().get("rollback_id");
            Outcome rollback = pipeline.run(call("rollback_action", Map.of("action_id", actionId)));
            assertThat(rollback).as(rollback.text()).isInstanceOf(Outcome.Succeeded.class);
            assertThat(kube.client().apps().deployments().inNamespace("shop").withName("orders").get().getSpec().getReplicas()).isEqualTo(2);
            List<AuditEvent> undo = audit.query(AuditQuery.all().trace(rollback.traceId()));
            assertThat(undo).filteredOn(e -> e.eventType().equals("policy_decision"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.tool().name()).isEqualTo("scale_workload");
                        assertThat(e.tool().agent()).isEqualTo("aihelpdesk/nested:rollback_action");
                        assertThat(e.tool().parameters()).containsEntry("replicas", 2);
                    });
            assertThat(undo).filteredOn(e -> e.eventType().equals("tool_execution")).extracting(e -> e.tool().name())
                    .containsExactlyInAnyOrder("scale_workload", "rollback_action");
            assertThat(audit.verify().valid()).isTrue();
        }
    }
}
