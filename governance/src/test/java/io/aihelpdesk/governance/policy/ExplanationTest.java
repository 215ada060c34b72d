package io.aihelpdesk.governance.policy;

import static io.aihelpdesk.governance.policy.PolicyEngineTest.SATURDAY_03_PARIS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExplanationTest {
    static final String YAML = """
            version: "1"
            policies:
              - name: frozen
                enabled: false
                priority: 100
                resources: [{type: database}]
                rules: [{action: write, effect: deny}]
              - name: dba-only
                priority: 50
                principals: [{role: dba}]
                resources: [{type: database}]
                rules: [{action: write, effect: allow}]
              - name: prod-tagged
                priority: 40
                resources: [{type: database, match: {tags: [production]}}]
                rules: [{action: write, effect: allow}]
              - name: office
                priority: 30
                resources: [{type: database}]
                rules:
                  - {action: read, effect: allow}
                  - action: write
                    effect: allow
                    conditions: {schedule: {days: [mon, tue, wed, thu, fri], hours: ["9-17"], timezone: Europe/Paris}}
              - name: fallback
                resources: [{type: database}, {type: kubernetes}]
                rules: [{action: write, effect: deny, message: writes need office hours}]
            """;

    @Test
    void explain_lists_every_policy_and_rule_with_why_it_was_skipped() throws Exception {
        Explanation x = PolicyEngineTest.engine(YAML).explain(
                new PolicyRequest(Principal.user("bob"), Resource.database("db1", "staging"), Action.WRITE, SATURDAY_03_PARIS));
        assertThat(x.steps()).containsExactly(
                new TraceStep("frozen", -1, false, "disabled"),
                new TraceStep("dba-only", -1, false, "principal user:bob not in [role:dba]"),
                new TraceStep("prod-tagged", -1, false, "resource tag production missing"),
                new TraceStep("office", -1, true, "principal and resource match"),
                new TraceStep("office", 0, false, "action write does not match rule actions [read]"),
                new TraceStep("office", 1, false, "schedule inactive: Sat 03:00 Europe/Paris not in mon-fri 9-17"),
                new TraceStep("office", -1, false, "no rule for action write at this time; trying the next policy"),
                new TraceStep("fallback", -1, true, "principal and resource match"),
                new TraceStep("fallback", 0, true, "deny"));
        assertThat(x.decision().verdict()).isEqualTo(Verdict.DENY);
        assertThat(x.decision().reasons()).containsExactly(new Reason("fallback", 0, "writes need office hours"));
    }

    @Test
    void explain_names_every_resource_entry_that_did_not_fit_and_the_default() throws Exception {
        Explanation x = PolicyEngineTest.engine(YAML).explain(
                new PolicyRequest(Principal.user("bob", "dev"), Resource.kubernetes("prod", "orders"), Action.READ,
                        SATURDAY_03_PARIS));
        assertThat(x.steps()).containsExactly(
                new TraceStep("frozen", -1, false, "disabled"),
                new TraceStep("dba-only", -1, false, "principal user:bob with roles [dev] not in [role:dba]"),
                new TraceStep("prod-tagged", -1, false, "resource type kubernetes is not database"),
                new TraceStep("office", -1, false, "resource type kubernetes is not database"),
                new TraceStep("fallback", -1, true, "principal and resource match"),
                new TraceStep("fallback", 0, false, "action read does not match rule actions [write]"),
                new TraceStep("fallback", -1, false, "no rule for action read at this time; trying the next policy"),
                new TraceStep("default", -1, true, "no matching policy; default is deny"));
    }

    @Test
    void renders_the_trace_and_decision_as_text() throws Exception {
        PolicyEngine engine = PolicyEngineTest.engine("""
                version: "1"
                policies:
                  - name: p
                    resources:
                      - {type: database, match: {name: a}}
                      - {type: database, match: {name_pattern: "b-*"}}
                    rules: [{action: read, effect: allow}]
                """);
        Explanation x = engine.explain(new PolicyRequest(Principal.anonymous(), Resource.database("c"), Action.READ,
                SATURDAY_03_PARIS));
        assertThat(x.render()).isEqualTo("""
                  skipped  p: no resource entry matches: resource name c is not a; resource name c does not match b-*
                  matched  default: no matching policy; default is deny
                decision: deny [policy version %s]
                  default: no matching policy
                """.formatted(engine.version()));
    }

    @Test
    void dry_run_render_marks_the_decision() throws Exception {
        PolicyEngine engine = PolicyEngineTest.engine(YAML, Verdict.DENY, true);
        Explanation x = engine.explain(new PolicyRequest(Principal.user("bob"), Resource.database("db1"), Action.WRITE,
                PolicyEngineTest.MONDAY_10_PARIS));
        assertThat(x.render()).endsWith("""
                decision: allow (dry run) [policy version %s]
                  office rule 1: [DRY RUN] would have been allow: allowed by policy office rule 1
                """.formatted(engine.version()));
    }
}
