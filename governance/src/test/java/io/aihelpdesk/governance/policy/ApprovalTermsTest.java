package io.aihelpdesk.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.tools.config.ConfigException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The approval terms a require_approval rule declares, as the approval workflow reads them. */
class ApprovalTermsTest {
    private static final String POLICY = """
            version: "1"
            policies:
              - name: prod
                resources: [{type: database, match: {tags: [production]}}]
                rules:
                  - action: destructive
                    effect: require_approval
                    conditions:
                      approval_quorum: 2
                      approvers: [{role: dba}, {user: carol}]
                      break_glass: [{role: oncall-lead}]
                      approval_expires_minutes: 15
                      approval_valid_minutes: 5
                      elicitation_approval: true
                  - action: write
                    effect: allow
                    conditions: {require_approval: true}
            """;

    private static Decision decide(PolicyEngine e, Action a) {
        return e.evaluate(new PolicyRequest(Principal.user("alice", "dba"), Resource.database("db", "production"), a,
                Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void rule_conditions_carry_quorum_approvers_break_glass_and_validity() throws Exception {
        PolicyEngine e = new PolicyEngine(PolicyFile.parse(POLICY, "p.yaml", Map.<String, String>of()::get), Verdict.DENY, false);
        ApprovalTerms t = e.approvalTerms(decide(e, Action.DESTRUCTIVE));
        assertThat(t).isEqualTo(new ApprovalTerms(2, List.of("role:dba", "user:carol"), List.of("role:oncall-lead"), 15, 5, true));
        assertThat(t.approver(Principal.user("bob", "dba"))).isTrue();
        assertThat(t.approver(Principal.user("carol"))).isTrue();
        assertThat(t.approver(Principal.service("carol"))).as("user:carol is not the service carol").isFalse();
        assertThat(t.approver(Principal.user("dave", "developer"))).isFalse();
        assertThat(t.breaksGlass(Principal.user("olga", "oncall-lead"))).isTrue();
        assertThat(t.breaksGlass(Principal.user("bob", "dba"))).isFalse();

        ApprovalTerms defaults = e.approvalTerms(decide(e, Action.WRITE));
        assertThat(defaults).isEqualTo(ApprovalTerms.DEFAULT);
        assertThat(defaults.approver(Principal.user("anyone"))).isTrue();
        assertThat(defaults.approver(Principal.anonymous())).as("anonymous callers never approve").isFalse();
        assertThat(defaults.breaksGlass(Principal.user("anyone"))).as("nobody breaks the glass unless listed").isFalse();
    }

    @Test
    void bad_approval_conditions_are_reported_with_their_line() {
        assertThatThrownBy(() -> PolicyFile.parse(POLICY.replace("approval_valid_minutes: 5", "approval_valid_minutes: 0")
                .replace("{user: carol}", "{team: carol}"), "p.yaml", Map.<String, String>of()::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("approval_valid_minutes: must be an integer >= 1, got '0'")
                .hasMessageContaining("team");
    }
}
