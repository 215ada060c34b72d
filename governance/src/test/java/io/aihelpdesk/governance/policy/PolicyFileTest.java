package io.aihelpdesk.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.config.ConfigException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyFileTest {

    @Test
    void reports_every_problem_at_once_with_file_line_and_path() {
        String yaml = """
                version: "2"
                colour: blue
                policies:
                  - name: dup
                    priority: high
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                  - name: dup
                    principals:
                      - {user: bob, role: dba}
                      - {any: false}
                      - {group: x}
                    resources:
                      - type: mainframe
                      - type: database
                        match: {name_pattern: "db[0-9]", namespace: x, tag: [a]}
                    rules:
                      - action: [read, delete]
                        effect: permit
                        conditions:
                          approval_quorum: 0
                          max_rows_affected: lots
                          schedule:
                            days: [monday, fri]
                            hours: [9, "17-9", "25", "8-12"]
                            timezone: Mars/Olympus
                            weeks: 2
                  - description: nameless and ruleless
                    resources: []
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> PolicyFile.parse(yaml, "bad.yaml", Map.<String, String>of()::get));
        assertThat(e.problems()).containsExactly(
                "bad.yaml:2: colour: unknown key (allowed: guardrails, policies, version)",
                "bad.yaml:1: version: unsupported version '2'; this server reads version \"1\"",
                "bad.yaml:5: policies[0].priority: must be an integer, got 'high'",
                "bad.yaml:8: policies[1].name: duplicate policy name 'dup' (first defined at line 4); policy names must be unique",
                "bad.yaml:10: policies[1].principals[0]: must have exactly one of any, role, service, user; has [user, role]",
                "bad.yaml:11: policies[1].principals[1].any: must be true; to match nobody, remove the policy or disable it",
                "bad.yaml:12: policies[1].principals[2].group: unknown key (allowed: any, role, service, user)",
                "bad.yaml:14: policies[1].resources[0].type: must be database, kubernetes, host or agent; got 'mainframe'",
                "bad.yaml:16: policies[1].resources[1].match.tag: unknown key (allowed: name, name_pattern, namespace, tags)",
                "bad.yaml:16: policies[1].resources[1].match.name_pattern: glob 'db[0-9]' uses '[', which is not supported; only * and ? are wildcards",
                "bad.yaml:16: policies[1].resources[1].match.namespace: applies to type kubernetes only; a database has no namespace",
                "bad.yaml:18: policies[1].rules[0].action[1]: must be one of read, write, destructive; got 'delete'",
                "bad.yaml:19: policies[1].rules[0].effect: must be one of allow, deny, require_approval; got 'permit'",
                "bad.yaml:21: policies[1].rules[0].conditions.approval_quorum: must be an integer >= 1, got '0'",
                "bad.yaml:22: policies[1].rules[0].conditions.max_rows_affected: must be an integer >= 0, got 'lots'",
                "bad.yaml:27: policies[1].rules[0].conditions.schedule.weeks: unknown key (allowed: days, hours, timezone)",
                "bad.yaml:24: policies[1].rules[0].conditions.schedule.days[0]: must be one of mon, tue, wed, thu, fri, sat, sun; got 'monday'",
                "bad.yaml:25: policies[1].rules[0].conditions.schedule.hours[1]: must be an hour 0-23 or a range like \"9-17\" (start < end <= 24, end exclusive); got '17-9'",
                "bad.yaml:25: policies[1].rules[0].conditions.schedule.hours[2]: must be an hour 0-23 or a range like \"9-17\" (start < end <= 24, end exclusive); got '25'",
                "bad.yaml:26: policies[1].rules[0].conditions.schedule.timezone: unknown timezone 'Mars/Olympus'; use an IANA id such as Europe/Paris or UTC",
                "bad.yaml:28: policies[2]: 'name' is required",
                "bad.yaml:29: policies[2].resources: must list at least one entry",
                "bad.yaml:28: policies[2]: 'rules' is required");
        assertThat(e.getMessage()).startsWith("23 problems in bad.yaml:\n  bad.yaml:2: colour: unknown key");
    }

    @Test
    void reports_missing_version_and_policies() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> PolicyFile.parse("description: x\n", "p.yaml", Map.<String, String>of()::get));
        assertThat(e.problems()).containsExactly(
                "p.yaml:1: description: unknown key (allowed: guardrails, policies, version)",
                "p.yaml:1: 'version' is required",
                "p.yaml:1: 'policies' is required");
    }

    @Test
    void expands_environment_references_and_reports_unset_ones() throws Exception {
        String yaml = """
                version: "1"
                policies:
                  - name: ${TEAM}-reads
                    principals: [{role: "${ROLE}"}]
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                """;
        PolicyEngine e = new PolicyEngine(PolicyFile.parse(yaml, "p.yaml", Map.of("TEAM", "sre", "ROLE", "dba")::get),
                Verdict.DENY, false);
        Decision d = e.evaluate(new PolicyRequest(Principal.user("x", "dba"), Resource.database("db"), Action.READ,
                Instant.EPOCH));
        assertThat(d.reasons()).containsExactly(new Reason("sre-reads", 0, "allowed by policy sre-reads rule 0"));
        ConfigException unset = catchThrowableOfType(ConfigException.class,
                () -> PolicyFile.parse(yaml, "p.yaml", Map.of("TEAM", "sre")::get));
        assertThat(unset.problems()).containsExactly(
                "p.yaml:4: policies[0].principals[0].role: environment variable ROLE is not set");
    }

    @Test
    void version_is_the_sha256_of_the_file_bytes() throws Exception {
        PolicyFile f = PolicyFile.parse("version: \"1\"\npolicies: []\n", "p.yaml", Map.<String, String>of()::get);
        assertThat(f.version()).isEqualTo("362af43d74009ea5c1b05e8dd412d55082d9b0f6b8b3cf4a24b2f0d611204e4a");
    }

    @Test
    void sample_policies_file_loads_and_decides_as_documented() throws Exception {
        Path sample = Path.of("..", "examples", "policies.yaml");
        PolicyFile f = PolicyFile.load(sample);
        assertThat(f.version()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(sample))));
        PolicyEngine e = new PolicyEngine(f, Verdict.DENY, false);
        Instant monday10 = PolicyEngineTest.MONDAY_10_PARIS;
        Instant saturday03 = PolicyEngineTest.SATURDAY_03_PARIS;
        Principal dba = Principal.user("dana", "dba");
        Principal dev = Principal.user("bob", "dev");
        Resource prod = Resource.database("prod-orders", "production");
        Resource staging = Resource.database("staging-orders", "staging");
        Resource payments = Resource.kubernetes("prod-eu", "payments", "production");

        assertThat(verdict(e, dev, staging, Action.READ, monday10)).isEqualTo(Verdict.ALLOW);
        Resource host = Resource.host("helpdesk-1");
        assertThat(verdict(e, dba, host, Action.WRITE, saturday03)).as("dba captures an incident bundle").isEqualTo(Verdict.ALLOW);
        assertThat(verdict(e, dev, host, Action.READ, monday10)).as("bundles hold host process lists").isEqualTo(Verdict.DENY);
        assertThat(verdict(e, dev, staging, Action.WRITE, monday10)).isEqualTo(Verdict.ALLOW);
        assertThat(verdict(e, dev, prod, Action.READ, saturday03)).isEqualTo(Verdict.ALLOW);
        assertThat(verdict(e, dev, prod, Action.WRITE, monday10)).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, dba, prod, Action.WRITE, monday10)).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(verdict(e, dba, prod, Action.WRITE, saturday03)).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, dba, prod, Action.DESTRUCTIVE, saturday03)).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(verdict(e, dev, prod, Action.DESTRUCTIVE, monday10)).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, Principal.service("srebot"), payments, Action.WRITE, monday10)).isEqualTo(Verdict.ALLOW);
        assertThat(verdict(e, dev, payments, Action.WRITE, monday10)).isEqualTo(Verdict.DENY);
        assertThat(verdict(e, dev, Resource.database("unknown-db"), Action.READ, monday10)).isEqualTo(Verdict.DENY);
    }

    private static Verdict verdict(PolicyEngine e, Principal who, Resource what, Action action, Instant at) {
        return e.evaluate(new PolicyRequest(who, what, action, at)).verdict();
    }
}
