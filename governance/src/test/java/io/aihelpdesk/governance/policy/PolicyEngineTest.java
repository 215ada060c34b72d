package io.aihelpdesk.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.config.ConfigException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    /** 2026-11-23 is a Monday; Paris is UTC+1 in November. */
    static final Instant MONDAY_10_PARIS = Instant.parse("2026-11-23T09:00:00Z");
    static final Instant SATURDAY_03_PARIS = Instant.parse("2026-11-28T02:00:00Z");
    static final Principal BOB = Principal.user("bob", "dev");
    static final Resource PROD_DB = Resource.database("prod-orders", "production", "critical");

    static PolicyEngine engine(String yaml) throws ConfigException {
        return engine(yaml, Verdict.DENY, false);
    }

    static PolicyEngine engine(String yaml, Verdict dflt, boolean dryRun) throws ConfigException {
        return new PolicyEngine(PolicyFile.parse(yaml, "p.yaml", Map.<String, String>of()::get), dflt, dryRun);
    }

    static PolicyRequest request(Principal who, Resource what, Action action) {
        return new PolicyRequest(who, what, action, MONDAY_10_PARIS);
    }

    static Reason reason(Decision d) {
        assertThat(d.reasons()).hasSize(1);
        return d.reasons().get(0);
    }

    @Test
    void higher_priority_policy_decides_even_when_later_in_the_file() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: low
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow, message: low wins}]
                  - name: high
                    priority: 10
                    resources: [{type: database}]
                    rules: [{action: read, effect: deny, message: high wins}]
                """);
        Decision d = e.evaluate(request(BOB, PROD_DB, Action.READ));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.reasons()).containsExactly(new Reason("high", 0, "high wins"));
    }

    @Test
    void equal_priority_keeps_file_order() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: first
                    priority: 5
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow, message: first}]
                  - name: second
                    priority: 5
                    resources: [{type: database}]
                    rules: [{action: read, effect: deny, message: second}]
                """);
        assertThat(e.evaluate(request(BOB, PROD_DB, Action.READ)).reasons())
                .containsExactly(new Reason("first", 0, "first"));
    }

    @Test
    void first_rule_whose_action_matches_wins() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: p
                    resources: [{type: database}]
                    rules:
                      - {action: read, effect: allow, message: reads}
                      - {action: [write, destructive], effect: deny, message: changes}
                      - {action: write, effect: allow, message: never reached}
                """);
        Decision d = e.evaluate(request(BOB, PROD_DB, Action.WRITE));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.reasons()).containsExactly(new Reason("p", 1, "changes"));
    }

    @Test
    void disabled_policy_is_skipped() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: off
                    enabled: false
                    priority: 10
                    resources: [{type: database}]
                    rules: [{action: read, effect: deny}]
                  - name: on
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                """);
        Decision d = e.evaluate(request(BOB, PROD_DB, Action.READ));
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(d.reasons()).containsExactly(new Reason("on", 0, "allowed by policy on rule 0"));
    }

    @Test
    void principals_match_by_user_role_service_or_any() throws Exception {
        String yaml = """
                version: "1"
                policies:
                  - name: by-user
                    principals: [{user: alice}]
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                  - name: by-role
                    principals: [{role: dba}]
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                  - name: by-service
                    principals: [{service: srebot}]
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                  - name: anyone
                    principals: [{any: true}]
                    resources: [{type: database, match: {name: public-db}}]
                    rules: [{action: read, effect: allow}]
                """;
        PolicyEngine e = engine(yaml);
        assertThat(policyFor(e, Principal.user("alice"), PROD_DB)).isEqualTo("by-user");
        assertThat(policyFor(e, Principal.user("carol", "viewer", "dba"), PROD_DB)).isEqualTo("by-role");
        assertThat(policyFor(e, Principal.service("srebot"), PROD_DB)).isEqualTo("by-service");
        assertThat(policyFor(e, Principal.anonymous(), Resource.database("public-db"))).isEqualTo("anyone");
        assertThat(policyFor(e, Principal.user("srebot"), PROD_DB)).isEqualTo("default");
        assertThat(policyFor(e, Principal.anonymous(), PROD_DB)).isEqualTo("default");
    }

    private static String policyFor(PolicyEngine e, Principal who, Resource what) {
        return reason(e.evaluate(request(who, what, Action.READ))).policy();
    }

    @Test
    void name_pattern_is_a_glob_with_star_and_question_mark() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: staging
                    resources: [{type: database, match: {name_pattern: "staging-db?-*"}}]
                    rules: [{action: write, effect: allow}]
                """);
        assertThat(verdict(e, Resource.database("staging-db1-orders"))).isEqualTo(Verdict.ALLOW);
        assertThat(verdict(e, Resource.database("staging-db-orders"))).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, Resource.database("staging-db12-orders"))).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, Resource.database("xstaging-db1-orders"))).isEqualTo(Verdict.DENY);
    }

    private static Verdict verdict(PolicyEngine e, Resource r) {
        return e.evaluate(request(BOB, r, Action.WRITE)).verdict();
    }

    @Test
    void tags_must_all_be_present() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: prod-critical
                    resources: [{type: database, match: {tags: [production, critical]}}]
                    rules: [{action: write, effect: allow}]
                """);
        assertThat(verdict(e, Resource.database("a", "critical", "production", "eu"))).isEqualTo(Verdict.ALLOW);
        assertThat(verdict(e, Resource.database("b", "production"))).isEqualTo(Verdict.DENY);
    }

    @Test
    void kubernetes_namespace_must_match() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: payments
                    resources: [{type: kubernetes, match: {namespace: payments}}]
                    rules: [{action: write, effect: allow}]
                """);
        assertThat(verdict(e, Resource.kubernetes("prod", "payments"))).isEqualTo(Verdict.ALLOW);
        assertThat(verdict(e, Resource.kubernetes("prod", "orders"))).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, Resource.kubernetes("prod", null))).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, Resource.database("payments"))).isEqualTo(Verdict.DENY);
    }

    static final String BUSINESS_HOURS = """
            version: "1"
            policies:
              - name: office
                resources: [{type: database}]
                rules:
                  - action: write
                    effect: allow
                    message: in office hours
                    conditions:
                      schedule: {days: [mon, tue, wed, thu, fri], hours: ["9-17"], timezone: Europe/Paris}
                  - action: write
                    effect: deny
                    message: outside office hours
            """;

    @Test
    void schedule_is_active_on_monday_10_00_in_its_timezone() throws Exception {
        Decision d = engine(BUSINESS_HOURS).evaluate(new PolicyRequest(BOB, PROD_DB, Action.WRITE, MONDAY_10_PARIS));
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(d.reasons()).containsExactly(new Reason("office", 0, "in office hours"));
    }

    @Test
    void inactive_schedule_skips_the_rule_on_saturday_03_00() throws Exception {
        Decision d = engine(BUSINESS_HOURS).evaluate(new PolicyRequest(BOB, PROD_DB, Action.WRITE, SATURDAY_03_PARIS));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.reasons()).containsExactly(new Reason("office", 1, "outside office hours"));
    }

    @Test
    void schedule_hours_end_is_exclusive_and_timezone_is_applied() throws Exception {
        PolicyEngine e = engine(BUSINESS_HOURS);
        Instant mondayNinePastFiveParis = Instant.parse("2026-11-23T16:00:00Z");
        Instant mondayFourFiftyNineParis = Instant.parse("2026-11-23T15:59:59Z");
        assertThat(e.evaluate(new PolicyRequest(BOB, PROD_DB, Action.WRITE, mondayNinePastFiveParis)).verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(e.evaluate(new PolicyRequest(BOB, PROD_DB, Action.WRITE, mondayFourFiftyNineParis)).verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void no_matching_policy_denies_by_default() throws Exception {
        Decision d = engine(BUSINESS_HOURS).evaluate(request(BOB, PROD_DB, Action.READ));
        assertThat(d).isEqualTo(new Decision(Verdict.DENY, List.of(new Reason("default", -1, "no matching policy")),
                d.policyVersion(), false));
    }

    @Test
    void default_verdict_can_be_configured_to_allow() throws Exception {
        Decision d = engine(BUSINESS_HOURS, Verdict.ALLOW, false).evaluate(request(BOB, PROD_DB, Action.READ));
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(d.reasons()).containsExactly(new Reason("default", -1, "no matching policy"));
    }

    @Test
    void no_rule_for_the_action_continues_with_the_next_policy() throws Exception {
        PolicyEngine e = engine("""
                version: "1"
                policies:
                  - name: reads-only
                    priority: 10
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                  - name: writes
                    resources: [{type: database}]
                    rules: [{action: write, effect: deny, message: no writes}]
                """);
        assertThat(e.evaluate(request(BOB, PROD_DB, Action.WRITE)).reasons())
                .containsExactly(new Reason("writes", 0, "no writes"));
    }

    @Test
    void dry_run_allows_and_says_what_would_have_happened() throws Exception {
        Decision d = engine(BUSINESS_HOURS, Verdict.DENY, true)
                .evaluate(new PolicyRequest(BOB, PROD_DB, Action.WRITE, SATURDAY_03_PARIS));
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(d.dryRun()).isTrue();
        assertThat(d.reasons()).containsExactly(
                new Reason("office", 1, "[DRY RUN] would have been deny: outside office hours"));
    }

    static final String LIMITS = """
            version: "1"
            policies:
              - name: guarded
                resources: [{type: database}, {type: kubernetes}]
                rules:
                  - action: [write, destructive]
                    effect: allow
                    conditions: {require_approval: true, approval_quorum: 2, max_rows_affected: 100, max_pods_affected: 3}
            """;

    @Test
    void require_approval_condition_turns_allow_into_require_approval() throws Exception {
        Decision d = engine(LIMITS).evaluate(request(BOB, PROD_DB, Action.WRITE));
        assertThat(d.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(d.reasons()).containsExactly(
                new Reason("guarded", 0, "approval required (quorum 2) by policy guarded rule 0"));
    }

    @Test
    void rows_over_max_rows_affected_are_denied_naming_limit_and_value() throws Exception {
        Decision d = engine(LIMITS).evaluate(new PolicyRequest(BOB, PROD_DB, Action.WRITE, MONDAY_10_PARIS, 101, null));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.reasons()).containsExactly(new Reason("guarded", 0,
                "101 rows affected exceeds max_rows_affected 100; narrow the statement or raise the limit in the policy"));
        assertThat(engine(LIMITS).evaluate(new PolicyRequest(BOB, PROD_DB, Action.WRITE, MONDAY_10_PARIS, 100, null))
                .verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
    }

    @Test
    void pods_over_max_pods_affected_are_denied() throws Exception {
        Decision d = engine(LIMITS).evaluate(new PolicyRequest(BOB, Resource.kubernetes("prod", "orders"),
                Action.DESTRUCTIVE, MONDAY_10_PARIS, null, 4));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(reason(d).message())
                .isEqualTo("4 pods affected exceeds max_pods_affected 3; target fewer pods or raise the limit in the policy");
    }

    @Test
    void decision_names_the_sha256_of_the_policy_file() throws Exception {
        Decision d = engine(LIMITS).evaluate(request(BOB, PROD_DB, Action.WRITE));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(LIMITS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(d.policyVersion()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
    }
}
