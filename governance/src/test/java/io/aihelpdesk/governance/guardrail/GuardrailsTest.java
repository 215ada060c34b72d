package io.aihelpdesk.governance.guardrail;

import static io.aihelpdesk.governance.testkit.TestPipeline.ALICE;
import static io.aihelpdesk.governance.testkit.TestPipeline.BOB;
import static io.aihelpdesk.governance.testkit.TestPipeline.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.testkit.TestClock;
import io.aihelpdesk.governance.testkit.TestPipeline;
import io.aihelpdesk.tools.Outcome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every guardrail through a real pipeline over real PostgreSQL: each refuses with its name and
 * numbers although the policy allows everything, and each refusal is chained into the audit.
 */
class GuardrailsTest {
    private static final String OPEN_POLICY = """
            policies:
              - name: open
                resources: [{type: database}]
                rules: [{action: [read, write, destructive], effect: allow}]
            """;

    @TempDir
    Path dir;
    private SqliteAuditStore audit;
    private final TestClock clock = new TestClock(Instant.now());

    @BeforeEach
    void open() {
        audit = new SqliteAuditStore(dir.resolve("audit.db"));
    }

    @AfterEach
    void close() {
        audit.close();
    }

    private Pipeline pipeline(String guardrails) throws Exception {
        return pipeline(guardrails, clock);
    }

    private Pipeline pipeline(String guardrails, Clock at) throws Exception {
        return TestPipeline.create(audit, "version: \"1\"\nguardrails:\n" + guardrails.indent(2) + OPEN_POLICY, at);
    }

    private static Map<String, Object> on(String target, Object... more) {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("connection_string", target);
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return args;
    }

    /** The refusal is a denial with the guardrail's code, and the audit holds it as a denied call. */
    private Outcome.Denied assertRefused(Outcome o, String guardrail) {
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Denied.class);
        Outcome.Denied d = (Outcome.Denied) o;
        assertThat(d.reasons()).containsExactly("guardrail_" + guardrail);
        assertThat(d.message()).startsWith(guardrail + " guardrail: ");
        List<AuditEvent> events = audit.query(AuditQuery.all().trace(o.traceId()));
        AuditEvent last = events.get(events.size() - 1);
        assertThat(last.outcome().status()).isEqualTo("denied");
        assertThat(last.outcome().errorMessage()).contains(d.message());
        assertThat(events.get(0).decision()).containsEntry("effect", "allow");
        return d;
    }

    @Test
    void blast_radius_refuses_a_call_whose_preview_exceeds_the_limit_and_says_both_numbers() throws Exception {
        Pipeline p = pipeline("""
                blast_radius: {max_sessions_terminated: 5, max_rows_affected: 1000}
                """);
        Outcome.Denied d = assertRefused(call(p, "fake_terminate", on("prod", "count", 7), ALICE), "blast_radius");
        assertThat(d.message()).contains("this call would affect 7 sessions; at most 5 sessions per call are allowed",
                "fewer sessions per call");
        List<AuditEvent> events = audit.query(AuditQuery.all().trace(d.traceId()));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("policy_decision", "tool_execution", "outcome");

        Outcome within = call(p, "fake_terminate", on("prod", "count", 5), ALICE);
        assertThat(within).as(within.text()).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void rate_limit_per_principal_refuses_the_call_over_the_limit_and_says_when_to_retry() throws Exception {
        Pipeline p = pipeline("""
                rate_limits:
                  per_principal: {calls: 3, per_seconds: 60}
                """);
        for (int i = 0; i < 3; i++) {
            assertThat(call(p, "check_connection", on("prod"), ALICE)).isInstanceOf(Outcome.Succeeded.class);
        }
        Outcome.Denied d = assertRefused(call(p, "check_connection", on("prod"), ALICE), "rate_limit");
        assertThat(d.message()).contains("alice already made 3 calls in the current 60 s window (limit 3 per 60 s)",
                "retry in 60 s");
        assertThat(call(p, "check_connection", on("prod"), BOB)).as("another principal has its own budget")
                .isInstanceOf(Outcome.Succeeded.class);

        clock.advance(Duration.ofSeconds(61));
        assertThat(call(p, "check_connection", on("prod"), ALICE)).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void rate_limit_per_action_class_counts_writes_apart_from_reads() throws Exception {
        Pipeline p = pipeline("""
                rate_limits:
                  per_action_class:
                    write: {calls: 1, per_seconds: 300}
                """);
        assertThat(call(p, "fake_terminate", on("prod", "count", 1), ALICE)).isInstanceOf(Outcome.Succeeded.class);
        Outcome.Denied d = assertRefused(call(p, "fake_terminate", on("staging", "count", 1), ALICE), "rate_limit");
        assertThat(d.message()).contains("alice already made 1 write calls in the current 300 s window (limit 1 per 300 s)");
        assertThat(call(p, "check_connection", on("prod"), ALICE)).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void circuit_opens_on_a_dead_target_while_another_target_keeps_working_and_retries_after_the_wait() throws Exception {
        Pipeline p = pipeline("""
                circuit_breaker: {consecutive_failures: 3, open_seconds: 30}
                """);
        for (int i = 0; i < 3; i++) {
            Outcome o = call(p, "check_connection", on("dead"), ALICE);
            assertThat(o).as(o.text()).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("connection_refused");
        }
        Instant openedAt = clock.instant();
        Outcome.Denied d = assertRefused(call(p, "check_connection", on("dead"), ALICE), "circuit_breaker");
        assertThat(d.message()).contains("the circuit of database dead is open after 3 consecutive failures (last: connection_refused)",
                "; calls are refused until " + openedAt.plusSeconds(30) + " (in 30 s), then one trial call is let through");
        assertThat(call(p, "check_connection", on("prod"), ALICE)).as("another target is unaffected")
                .isInstanceOf(Outcome.Succeeded.class);

        clock.advance(Duration.ofSeconds(31));
        Outcome trial = call(p, "check_connection", on("dead"), ALICE);
        assertThat(trial).as("one trial call goes through after the wait").isInstanceOf(Outcome.Failed.class);
        assertRefused(call(p, "check_connection", on("dead"), ALICE), "circuit_breaker");
    }

    @Test
    void circuit_opens_when_a_database_that_answered_is_stopped() throws Exception {
        EmbeddedPostgres own = EmbeddedPostgres.builder().start();
        Pipeline p = TestPipeline.create(audit, "version: \"1\"\nguardrails:\n  circuit_breaker: {consecutive_failures: 2, open_seconds: 30}\n"
                + OPEN_POLICY, clock, """
                  own:
                    connection_string: "host=127.0.0.1 port=%d dbname=postgres user=postgres connect_timeout=2"
                """.formatted(own.getPort()));
        assertThat(call(p, "check_connection", on("own"), ALICE)).isInstanceOf(Outcome.Succeeded.class);
        own.close();
        for (int i = 0; i < 2; i++) {
            Outcome o = call(p, "check_connection", on("own"), ALICE);
            assertThat(o).as(o.text()).isInstanceOf(Outcome.Failed.class);
            assertThat(TargetCircuits.UNREACHABLE).as(o.text()).contains(((Outcome.Failed) o).diagnosis().code());
        }
        assertThat(assertRefused(call(p, "check_connection", on("own"), ALICE), "circuit_breaker").message())
                .contains("the circuit of database own is open after 2 consecutive failures");
        assertThat(call(p, "check_connection", on("prod"), ALICE)).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void a_denial_does_not_count_as_a_target_failure() throws Exception {
        Pipeline p = pipeline("""
                circuit_breaker: {consecutive_failures: 2, open_seconds: 30}
                protected_resources:
                  - resource: {type: database, match: {name: dead}}
                    allow: [read]
                """);
        for (int i = 0; i < 3; i++) {
            assertRefused(call(p, "fake_terminate", on("dead", "count", 1), ALICE), "protected_resource");
        }
        Outcome o = call(p, "check_connection", on("dead"), ALICE);
        assertThat(o).as("three denials did not open the circuit: " + o.text()).isInstanceOf(Outcome.Failed.class);
    }

    @Test
    void bulkhead_refuses_a_call_beyond_the_concurrent_limit_of_its_target_only() throws Exception {
        Pipeline p = pipeline("""
                bulkhead: {max_concurrent_calls: 2}
                """);
        TestPipeline.release = new CountDownLatch(1);
        TestPipeline.entered = new CountDownLatch(2);
        List<CompletableFuture<Outcome>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(CompletableFuture.supplyAsync(() -> call(p, "hold_target", on("prod"), ALICE),
                    io.aihelpdesk.tools.testkit.TestPostgres.OWN_THREAD));
        }
        try {
            assertThat(TestPipeline.entered.await(30, TimeUnit.SECONDS)).as("both calls are in flight").isTrue();
            Outcome.Denied d = assertRefused(call(p, "check_connection", on("prod"), BOB), "bulkhead");
            assertThat(d.message()).contains("database prod already has 2 of 2 concurrent calls in flight (limit 2 per target)");
            assertThat(call(p, "check_connection", on("staging"), BOB)).as("another target has its own bulkhead")
                    .isInstanceOf(Outcome.Succeeded.class);
        } finally {
            TestPipeline.release.countDown();
        }
        for (CompletableFuture<Outcome> f : held) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Succeeded.class);
        }
        assertThat(call(p, "check_connection", on("prod"), BOB)).as("places are given back")
                .isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void protected_resource_allows_only_its_listed_actions_even_when_policy_allows() throws Exception {
        Pipeline p = pipeline("""
                protected_resources:
                  - resource: {type: database, match: {tags: [production]}}
                    allow: [read]
                """);
        Outcome.Denied d = assertRefused(call(p, "fake_terminate", on("prod", "count", 1), ALICE), "protected_resource");
        assertThat(d.message()).contains("database prod is protected (protected_resources entry at line 4): it allows only [read], not write");
        assertThat(call(p, "check_connection", on("prod"), ALICE)).isInstanceOf(Outcome.Succeeded.class);
        assertThat(call(p, "fake_terminate", on("staging", "count", 1), ALICE)).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void a_guardrail_refusal_wins_over_a_policy_that_requires_approval() throws Exception {
        Pipeline p = TestPipeline.create(audit, """
                version: "1"
                guardrails:
                  protected_resources:
                    - resource: {type: database, match: {name: prod}}
                policies:
                  - name: approve-writes
                    resources: [{type: database}]
                    rules: [{action: [read, write, destructive], effect: allow, conditions: {require_approval: true}}]
                """, clock);
        Outcome o = call(p, "fake_terminate", on("prod", "count", 1), ALICE);
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Denied.class);
        assertThat(((Outcome.Denied) o).reasons()).containsExactly("guardrail_protected_resource");
    }

    @Test
    void dry_run_first_needs_a_recent_matching_dry_run_by_the_same_principal() throws Exception {
        Pipeline p = pipeline("""
                dry_run_first: {within_minutes: 15}
                """);
        Outcome.Denied d = assertRefused(call(p, "fake_drop", on("prod", "name", "slot_a"), ALICE), "dry_run_first");
        assertThat(d.message()).contains("fake_drop is DESTRUCTIVE and needs a successful dry run of the same call",
                "by alice within the last 15 minutes");

        assertThat(call(p, "fake_drop", on("prod", "name", "slot_a", "dry_run", true), ALICE)).isInstanceOf(Outcome.Succeeded.class);
        assertRefused(call(p, "fake_drop", on("prod", "name", "slot_b"), ALICE), "dry_run_first");
        assertRefused(call(p, "fake_drop", on("staging", "name", "slot_a"), ALICE), "dry_run_first");
        assertRefused(call(p, "fake_drop", on("prod", "name", "slot_a"), BOB), "dry_run_first");
        Outcome done = call(p, "fake_drop", on("prod", "name", "slot_a", "dry_run", false), ALICE);
        assertThat(done).as(done.text()).isInstanceOf(Outcome.Succeeded.class);

        clock.advance(Duration.ofMinutes(16));
        assertRefused(call(p, "fake_drop", on("prod", "name", "slot_a"), ALICE), "dry_run_first");
    }

    @Test
    void change_freeze_from_a_schedule_refuses_changes_but_not_reads() throws Exception {
        Clock wednesdayMorning = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        Pipeline p = pipeline("""
                change_freezes:
                  - name: release-day
                    message: the quarterly release is rolling out
                    schedule: {days: [wed], hours: ["9-17"], timezone: UTC}
                  - name: year-end
                    from: 2026-12-20
                    until: 2027-01-05
                """, wednesdayMorning);
        Outcome.Denied d = assertRefused(call(p, "fake_terminate", on("staging", "count", 1), ALICE), "change_freeze");
        assertThat(d.message()).contains("change freeze 'release-day' is in force at 2026-11-25T10:00:00Z (wed 9-17 UTC)",
                "allows only [read]: the quarterly release is rolling out", "no approval lifts it");
        assertThat(call(p, "check_connection", on("staging"), ALICE)).isInstanceOf(Outcome.Succeeded.class);

        Pipeline yearEnd = pipeline("""
                change_freezes:
                  - name: year-end
                    from: 2026-12-20
                    until: 2027-01-05
                """, Clock.fixed(Instant.parse("2026-12-24T08:00:00Z"), ZoneOffset.UTC));
        assertThat(assertRefused(call(yearEnd, "fake_terminate", on("staging", "count", 1), ALICE), "change_freeze").message())
                .contains("'year-end' is in force at 2026-12-24T08:00:00Z (from 2026-12-20T00:00:00Z, until 2027-01-05T00:00:00Z)");
        assertThat(call(pipeline("""
                change_freezes:
                  - name: year-end
                    from: 2026-12-20
                    until: 2027-01-05
                """, wednesdayMorning), "fake_terminate", on("staging", "count", 1), ALICE)).isInstanceOf(Outcome.Succeeded.class);
    }
}
