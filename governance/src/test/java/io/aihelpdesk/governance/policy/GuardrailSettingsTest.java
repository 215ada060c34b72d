package io.aihelpdesk.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.config.ConfigException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code guardrails} section of a policy file: read into limits, or every problem at once with its line. */
class GuardrailSettingsTest {
    private static final String POLICIES = """
            policies:
              - name: open
                resources: [{type: database}]
                rules: [{action: read, effect: allow}]
            """;

    private static PolicyFile parse(String text) throws ConfigException {
        return PolicyFile.parse(text, "policies.yaml", Map.<String, String>of()::get);
    }

    @Test
    void reads_every_guardrail_of_a_complete_section() throws Exception {
        GuardrailSettings g = parse("""
                version: "1"
                guardrails:
                  blast_radius: {max_rows_affected: 1000, max_sessions_terminated: 5, max_pods_affected: 2}
                  rate_limits:
                    per_principal: {calls: 60, per_seconds: 60}
                    per_action_class:
                      destructive: {calls: 3, per_seconds: 300}
                  circuit_breaker: {consecutive_failures: 4, open_seconds: 45}
                  bulkhead: {max_concurrent_calls: 8}
                  protected_resources:
                    - resource: {type: database, match: {name_pattern: "prod-*"}}
                      allow: [read, write]
                  dry_run_first: {within_minutes: 10}
                  change_freezes:
                    - name: year-end
                      from: 2026-12-20
                      until: "2027-01-05T00:00:00Z"
                """ + POLICIES).guardrails();
        assertThat(g.blastRadius()).containsEntry("rows", 1000L).containsEntry("sessions", 5L).containsEntry("pods", 2L);
        assertThat(g.perPrincipal()).isEqualTo(new GuardrailSettings.RateLimit(60, 60));
        assertThat(g.perActionClass()).containsOnlyKeys(Action.DESTRUCTIVE)
                .containsEntry(Action.DESTRUCTIVE, new GuardrailSettings.RateLimit(3, 300));
        assertThat(g.circuitBreaker()).isEqualTo(new GuardrailSettings.Breaker(4, 45));
        assertThat(g.maxConcurrentCalls()).isEqualTo(8);
        GuardrailSettings.Protection p = g.protectedResources().get(0);
        assertThat(p.covers(Resource.database("prod-eu"))).isTrue();
        assertThat(p.covers(Resource.database("staging"))).isFalse();
        assertThat(p.allows(Action.WRITE)).isTrue();
        assertThat(p.allows(Action.DESTRUCTIVE)).isFalse();
        assertThat(g.dryRunFirstMinutes()).isEqualTo(10);
        GuardrailSettings.Freeze f = g.freezes().get(0);
        assertThat(f.activeAt(Instant.parse("2026-12-25T12:00:00Z"))).isTrue();
        assertThat(f.activeAt(Instant.parse("2027-01-05T00:00:00Z"))).isFalse();
        assertThat(f.allows(Action.READ)).isTrue();
        assertThat(f.allows(Action.WRITE)).isFalse();
    }

    @Test
    void the_example_guardrails_file_is_valid() throws Exception {
        GuardrailSettings g = PolicyFile.load(java.nio.file.Path.of("../examples/guardrails.yaml")).guardrails();
        assertThat(g.blastRadius()).containsEntry("sessions", 5L);
        assertThat(g.protectedResources()).hasSize(2);
        assertThat(g.freezes()).extracting(GuardrailSettings.Freeze::name).containsExactly("friday-evening", "year-end");
    }

    @Test
    void a_file_without_guardrails_has_no_limits() throws Exception {
        assertThat(parse("version: \"1\"\n" + POLICIES).guardrails()).isEqualTo(GuardrailSettings.NONE);
    }

    @Test
    void reports_every_problem_of_the_section_at_once_with_file_and_line() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                version: "1"
                guardrails:
                  blast_radius: {max_sessions: 5}
                  rate_limits:
                    per_action_class:
                      delete: {calls: 1}
                      write: {calls: 0}
                  circuit_breaker: {consecutive_failures: none}
                  protected_resources:
                    - resource: {type: disk}
                      allow: [rm]
                  change_freezes:
                    - name: forever
                    - schedule: {days: [someday]}
                      from: 2027-01-05
                      until: 2026-12-20
                """ + POLICIES));
        assertThat(e.getMessage()).contains(
                "policies.yaml:3: guardrails.blast_radius.max_sessions: unknown key",
                "policies.yaml:6:", "must be read, write or destructive; got 'delete'",
                "policies.yaml:7:", "must be an integer >= 1, got '0'",
                "policies.yaml:8:", "must be an integer >= 1, got 'none'",
                "policies.yaml:10:", "must be database, kubernetes, host or agent; got 'disk'",
                "policies.yaml:11:", "must be one of read, write, destructive; got 'rm'",
                "policies.yaml:13:", "a freeze needs a 'schedule', a 'from'/'until' window, or both",
                "policies.yaml:14:", "must be one of mon, tue, wed, thu, fri, sat, sun; got 'someday'",
                "policies.yaml:16:", "must be after 'from' (2027-01-05T00:00:00Z)");
    }
}
