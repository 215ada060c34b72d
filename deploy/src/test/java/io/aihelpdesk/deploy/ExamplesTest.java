package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.a2a.remote.Discovery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.Action;
import io.aihelpdesk.governance.policy.ApprovalTerms;
import io.aihelpdesk.governance.policy.Decision;
import io.aihelpdesk.governance.policy.GuardrailSettings;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.PolicyRequest;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.governance.policy.Resource;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample config under examples/ (and the compose inventory) loads with the server's own loaders and
 * means what its comments say, so the samples cannot rot.
 */
class ExamplesTest {
    /** Variables the samples reference with ${...}: set, as a deployment would. */
    private static final UnaryOperator<String> ENV = name -> Map.of("STAGING_DB_PASSWORD", "s3cret",
            "ORDERS_DB_PASSWORD", "s3cret", "DEMO_DB_PASSWORD", "s3cret").get(name);
    private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T11:00:00Z");
    private static final Principal ALICE_DBA = Principal.user("alice", "dba");
    private static final Principal BOB = Principal.user("bob", "developer");
    private static final Resource PROD = Resource.database("prod-orders", "production", "critical");
    private static final Resource PROD_NS = Resource.kubernetes("orders", "orders", "production");
    private static final Resource STAGING = Resource.database("staging-orders", "staging");

    @Test
    void every_sample_config_is_checked_here() throws Exception {
        List<String> samples = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(Repo.file("examples")), Files.list(Repo.file("examples/policies")))) {
            files.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                    .forEach(f -> samples.add(Repo.root().relativize(f).toString()));
        }
        assertThat(samples).as("a new sample needs a check in this class").containsExactlyInAnyOrder(
                "examples/inventory.yaml", "examples/users.yaml", "examples/policies.yaml", "examples/guardrails.yaml",
                "examples/agents.json", "examples/policies/production-readonly.yaml",
                "examples/policies/approvals-for-writes.yaml", "examples/policies/change-freeze.yaml");
    }

    @Test
    void inventories_load() throws Exception {
        Inventory sample = inventory("examples/inventory.yaml");
        assertThat(sample.dbServers()).containsOnlyKeys("prod-orders", "staging-orders");
        assertThat(sample.k8sClusters()).containsOnlyKeys("prod");

        Inventory compose = inventory("deploy/compose/inventory.yaml");
        assertThat(compose.dbServers()).containsOnlyKeys("demo");
    }

    @Test
    void users_file_holds_the_documented_example_keys() throws Exception {
        ApiKeys keys = ApiKeys.parse(Files.readString(Repo.file("examples/users.yaml")), "examples/users.yaml", ENV);
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.authenticate("hd_example-alice-do-not-use-in-production")).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo("alice");
            assertThat(c.roles()).contains("dba");
        });
        assertThat(keys.authenticate("hd_example-srebot-do-not-use-in-production")).hasValueSatisfying(c ->
                assertThat(c.id()).isEqualTo("srebot"));
        assertThat(keys.authenticate("hd_wrong")).isEmpty();
    }

    @Test
    void the_general_policy_and_guardrail_samples_load() throws Exception {
        assertThat(policies("examples/policies.yaml").evaluate(request(BOB, PROD, Action.DESTRUCTIVE)).verdict())
                .isEqualTo(Verdict.DENY);
        PolicyEngine guarded = policies("examples/guardrails.yaml");
        assertThat(guarded.guardrails().freezes()).extracting(GuardrailSettings.Freeze::name)
                .containsExactly("friday-evening", "year-end");
        assertThat(guarded.guardrails().maxConcurrentCalls()).isEqualTo(4);
    }

    @Test
    void production_readonly_refuses_every_change_on_production_but_not_on_staging() throws Exception {
        PolicyEngine engine = policies("examples/policies/production-readonly.yaml");

        Decision write = engine.evaluate(request(ALICE_DBA, PROD, Action.WRITE));
        assertThat(write.verdict()).isEqualTo(Verdict.DENY);
        assertThat(write.reasons().get(0).message()).contains("Production is read-only");
        assertThat(engine.evaluate(request(ALICE_DBA, PROD_NS, Action.DESTRUCTIVE)).verdict()).isEqualTo(Verdict.DENY);
        assertThat(engine.evaluate(request(BOB, PROD, Action.READ)).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(engine.evaluate(request(BOB, STAGING, Action.WRITE)).verdict()).isEqualTo(Verdict.ALLOW);
        Decision destructive = engine.evaluate(request(BOB, STAGING, Action.DESTRUCTIVE));
        assertThat(destructive.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(engine.approvalTerms(destructive).approvers()).containsExactly("role:dba");
        // Fail closed: a database nobody listed is refused.
        assertThat(engine.evaluate(request(ALICE_DBA, Resource.database("analytics"), Action.READ)).verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(engine.evaluate(request(Principal.user("carol", "oncall"), Resource.host("helpdesk-1"), Action.WRITE))
                .verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void approvals_for_writes_asks_one_dba_for_writes_and_two_for_destructive_calls() throws Exception {
        PolicyEngine engine = policies("examples/policies/approvals-for-writes.yaml");

        assertThat(engine.evaluate(request(BOB, PROD, Action.READ)).verdict()).isEqualTo(Verdict.ALLOW);
        Decision write = engine.evaluate(request(BOB, STAGING, Action.WRITE));
        assertThat(write.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        ApprovalTerms writeTerms = engine.approvalTerms(write);
        assertThat(writeTerms.quorum()).isEqualTo(1);
        assertThat(writeTerms.approvers()).containsExactly("role:dba");
        assertThat(writeTerms.expiresMinutes()).isEqualTo(60);

        Decision destructive = engine.evaluate(request(ALICE_DBA, PROD_NS, Action.DESTRUCTIVE));
        assertThat(destructive.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        ApprovalTerms terms = engine.approvalTerms(destructive);
        assertThat(terms.quorum()).isEqualTo(2);
        assertThat(terms.breakGlass()).containsExactly("role:oncall-lead");
        assertThat(terms.breaksGlass(Principal.user("dana", "oncall-lead"))).isTrue();
        assertThat(terms.approver(ALICE_DBA)).isTrue();
        assertThat(terms.approver(BOB)).isFalse();
    }

    @Test
    void change_freeze_allows_only_reads_at_weekends_at_night_and_at_year_end() throws Exception {
        PolicyEngine engine = policies("examples/policies/change-freeze.yaml");
        List<GuardrailSettings.Freeze> freezes = engine.guardrails().freezes();
        assertThat(freezes).extracting(GuardrailSettings.Freeze::name).containsExactly("weekend", "nightly-batch", "year-end-2026");
        assertThat(freezes).allSatisfy(f -> assertThat(f.allowed()).isEqualTo(Set.of(Action.READ)));

        assertThat(frozenAt(freezes, "2026-11-28T11:00:00Z")).containsExactly("weekend");            // Saturday noon, Paris
        assertThat(frozenAt(freezes, "2026-11-25T01:30:00Z")).containsExactly("nightly-batch");      // Wednesday 02:30 Paris
        assertThat(frozenAt(freezes, "2026-12-23T11:00:00Z")).containsExactly("year-end-2026");      // a Wednesday
        assertThat(frozenAt(freezes, "2026-11-25T11:00:00Z")).isEmpty();                             // Wednesday noon
        assertThat(frozenAt(freezes, "2027-01-05T11:00:00Z")).isEmpty();

        // Outside a freeze the policies decide: a DBA's production change needs another DBA.
        assertThat(engine.evaluate(request(ALICE_DBA, PROD, Action.WRITE)).verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(engine.evaluate(request(ALICE_DBA, STAGING, Action.DESTRUCTIVE)).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(engine.evaluate(request(BOB, STAGING, Action.WRITE)).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void agents_sample_lists_two_remote_agents() throws Exception {
        String file = Repo.file("examples/agents.json").toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(1)).build();
        // Nothing answers at the sample URLs here: both agents are reported unavailable, by name — which
        // needs the file to have been read as valid agents.json (a bad file throws a ConfigException).
        Discovery d = Discovery.fromEnvironment(name -> name.equals("HELPDESK_AGENTS_CONFIG") ? file : null, http);
        assertThat(d.agents()).isEmpty();
        assertThat(d.unavailable()).hasSize(2);
        assertThat(d.unavailable().get(0)).startsWith("vendor_k8s_agent at http://127.0.0.1:9000");
        assertThat(d.unavailable().get(1)).startsWith("dc2_database_agent at http://helpdesk.dc2.example:8080");
    }

    private static List<String> frozenAt(List<GuardrailSettings.Freeze> freezes, String instant) {
        return freezes.stream().filter(f -> f.activeAt(Instant.parse(instant))).map(GuardrailSettings.Freeze::name).toList();
    }

    private static Inventory inventory(String file) throws Exception {
        return InventoryLoader.parse(Files.readString(Repo.file(file)), file, ENV);
    }

    private static PolicyEngine policies(String file) throws Exception {
        return new PolicyEngine(PolicyFile.parse(Files.readString(Repo.file(file)), file, ENV), Verdict.DENY, false);
    }

    private static PolicyRequest request(Principal who, Resource what, Action action) {
        return new PolicyRequest(who, what, action, WEDNESDAY_NOON);
    }
}
