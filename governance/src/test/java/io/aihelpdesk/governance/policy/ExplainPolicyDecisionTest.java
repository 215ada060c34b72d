package io.aihelpdesk.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainPolicyDecisionTest {
    private static Outcome explain(PolicyEngine engine, Map<String, Object> args) {
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults())) {
            Invoker invoker = new Invoker(new Catalog(List.of(ExplainPolicyDecision.definition(engine == null ? null : () -> engine))),
                    DatabaseTargets.of(Inventory.none()), pools);
            return invoker.invoke(new Invocation("explain_policy_decision", args, Caller.osUser("test"), null, "test"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void explains_a_denial_with_the_trace_of_the_sample_policies() throws Exception {
        PolicyEngine engine = new PolicyEngine(PolicyFile.load(Path.of("..", "examples", "policies.yaml")), Verdict.DENY, false);
        Outcome o = explain(engine, Map.of("principal", "bob", "resource", "prod-orders", "tags", "production",
                "action", "destructive", "at", "2026-11-28T03:00:00Z"));
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Succeeded.class);
        Map<String, Object> data = ((Outcome.Succeeded) o).data();
        assertThat(data).containsEntry("verdict", "deny").containsEntry("policy_version", engine.version());
        assertThat((List<Map<String, Object>>) data.get("trace")).extracting(s -> s.get("policy") + ":" + s.get("matched"))
                .containsExactly("production-destructive:false", "production-no-destructive:true", "production-no-destructive:true");
    }

    @Test
    void says_nothing_is_enforced_without_a_policy_file() {
        Outcome o = explain(null, Map.of("principal", "bob", "resource", "x", "action", "write"));
        assertThat(o.text()).startsWith("decision: allow (no policy file configured)");
    }

    @Test
    void rejects_a_malformed_time_and_an_unknown_action() throws Exception {
        PolicyEngine engine = new PolicyEngine(PolicyFile.load(Path.of("..", "examples", "policies.yaml")), Verdict.DENY, false);
        assertThat(explain(engine, Map.of("principal", "b", "resource", "x", "action", "read", "at", "yesterday")).text())
                .contains("is not an ISO-8601 instant");
        assertThat(explain(engine, Map.of("principal", "b", "resource", "x", "action", "drop")).text())
                .contains("action: must be one of [read, write, destructive]");
    }
}
