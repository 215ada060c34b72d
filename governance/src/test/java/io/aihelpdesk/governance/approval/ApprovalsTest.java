package io.aihelpdesk.governance.approval;

import io.aihelpdesk.governance.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.ApprovalTerms;
import io.aihelpdesk.governance.policy.Principal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approval workflow over the real SQLite store and audit chain. */
class ApprovalsTest {
    private static final Principal ALICE = Principal.user("alice", "dba");
    private static final Principal BOB = Principal.user("bob", "dba");
    private static final Principal CAROL = Principal.user("carol", "dba");
    private static final Principal DAVE = Principal.user("dave", "developer");
    private static final Principal ONCALL = Principal.user("olga", "oncall-lead");
    private static final ApprovalTerms TWO_DBAS = new ApprovalTerms(2, List.of("role:dba"), List.of("role:oncall-lead"), 30, 15, false);

    @TempDir
    Path dir;
    private SqliteAuditStore audit;
    private JdbcApprovalStore store;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    private Approvals approvals;

    @BeforeEach
    void open() {
        audit = new SqliteAuditStore(dir.resolve("audit.db"));
        store = JdbcApprovalStore.sqlite(dir.resolve("approvals.db"));
        approvals = new Approvals(store, audit, ApprovalNotifier.NONE, clock);
    }

    @AfterEach
    void close() {
        store.close();
        audit.close();
    }

    private ApprovalRequest request(String trace, String argsHash) {
        return new ApprovalRequest(trace, "terminate_connection", "destructive", "database:prod", argsHash, ALICE,
                "production-destructive", "two DBAs must approve", TWO_DBAS, null);
    }

    @Test
    void the_same_call_asked_at_once_by_many_threads_and_a_second_server_gets_one_pending_request() throws Exception {
        Approvals replica = new Approvals(store, audit, ApprovalNotifier.NONE, clock); // a second server on the same store
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Approval>> asks = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Approvals server = i % 2 == 0 ? approvals : replica;
                asks.add(pool.submit(() -> server.forCall(request("tr_race", "h_race"))));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Approval> f : asks) {
                ids.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS).id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list(ApprovalQuery.all())).filteredOn(a -> a.traceId().equals("tr_race")).hasSize(1);
    }

    @Test
    void quorum_needs_two_distinct_approvers_and_the_request_is_audited_with_its_trace() {
        Approval a = approvals.create(request("tr_1", "h1"));
        assertThat(a.id()).matches("apr_[0-9a-f]{16}");
        assertThat(a.expiresAt()).isEqualTo(Instant.parse("2026-11-25T10:30:00Z"));

        Approval once = approvals.approve(a.id(), BOB, "looks right", null, "http");
        assertThat(once.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(once.approvals()).isEqualTo(1);
        assertThatThrownBy(() -> approvals.approve(a.id(), BOB, "again", null, "http"))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("already_voted"))
                .hasMessageContaining("needs distinct approvers (1 so far)");

        clock.advance(Duration.ofMinutes(1));
        Approval done = approvals.approve(a.id(), CAROL, "ok", null, "cli");
        assertThat(done.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(done.resolvedBy()).isEqualTo("carol");
        assertThat(done.validUntil()).isEqualTo(Instant.parse("2026-11-25T10:16:00Z"));

        List<AuditEvent> events = audit.query(AuditQuery.all().trace("tr_1"));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("approval_requested", "approval_decided");
        assertThat(events.get(0).decision()).containsEntry("approval_id", a.id()).containsEntry("status", "pending")
                .containsEntry("quorum", 2);
        assertThat(events.get(1).decision()).containsEntry("status", "approved").containsEntry("approver", "carol")
                .containsEntry("approved_by", List.of("bob", "carol"));
        assertThat(events.get(1).principal().id()).isEqualTo("carol");
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void refuses_self_approval_and_approvers_the_policy_does_not_list() {
        Approval a = approvals.create(request("tr_2", "h"));
        assertThatThrownBy(() -> approvals.approve(a.id(), ALICE, "mine", null, "http"))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("self_approval"))
                .hasMessage("alice requested " + a.id() + " and cannot approve it; ask one of: role:dba other than alice");
        assertThatThrownBy(() -> approvals.approve(a.id(), DAVE, "sure", null, "http"))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("not_an_approver"))
                .hasMessageContaining("user:dave with roles [developer] is not an approver");
        assertThatThrownBy(() -> approvals.deny(a.id(), ALICE, "changed my mind"))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("self_approval"));
        assertThat(approvals.find(a.id()).orElseThrow().votes()).isEmpty();
        assertThat(audit.query(AuditQuery.all().trace("tr_2"))).extracting(AuditEvent::eventType).containsExactly("approval_requested");
    }

    @Test
    void a_denial_closes_the_request_and_later_votes_are_refused() {
        Approval a = approvals.create(request("tr_3", "h"));
        approvals.approve(a.id(), BOB, "fine", null, "http");
        Approval denied = approvals.deny(a.id(), CAROL, "not during the sale");
        assertThat(denied.status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(denied.grantsAt(clock.instant())).isFalse();
        assertThatThrownBy(() -> approvals.approve(a.id(), Principal.user("erin", "dba"), "late", null, "http"))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("not_pending"))
                .hasMessage(a.id() + " is already denied (by carol); only pending requests can be decided");
    }

    @Test
    void expiry_worker_expires_pending_requests_past_their_deadline_only() throws Exception {
        Approval old = approvals.create(request("tr_4", "h"));
        clock.advance(Duration.ofMinutes(20));
        Approval young = approvals.create(request("tr_5", "h"));
        clock.advance(Duration.ofMinutes(10)); // old: 30 min (its deadline), young: 10 min
        try (AutoCloseable worker = approvals.expiryWorker(Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (store.find(old.id()).orElseThrow().status() == ApprovalStatus.PENDING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        Approval expired = store.find(old.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(expired.resolvedBy()).isEqualTo("system");
        assertThat(expired.resolutionReason()).isEqualTo("no decision within 30 minutes");
        assertThat(store.find(young.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(audit.query(AuditQuery.all().trace("tr_4").type("approval_decided")).get(0).decision())
                .containsEntry("status", "expired");
    }

    @Test
    void reuse_returns_the_granted_approval_only_for_the_same_call_and_within_its_validity() {
        Approval a = approvals.forCall(request("tr_6", "args-1"));
        assertThat(approvals.forCall(request("tr_6", "args-1")).id()).as("still pending: same request").isEqualTo(a.id());
        approvals.approve(a.id(), BOB, "ok", null, "http");
        approvals.approve(a.id(), CAROL, "ok", 5, "http");
        assertThat(approvals.forCall(request("tr_6", "args-1")).id()).isEqualTo(a.id());
        assertThat(approvals.forCall(request("tr_6", "args-2")).id()).as("other arguments").isNotEqualTo(a.id());
        assertThat(approvals.forCall(request("tr_7", "args-1")).id()).as("other trace").isNotEqualTo(a.id());

        clock.advance(Duration.ofMinutes(5));
        Approval after = approvals.forCall(request("tr_6", "args-1"));
        assertThat(after.id()).as("validity of 5 minutes is over").isNotEqualTo(a.id());
        assertThat(after.status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void emergency_needs_a_break_glass_principal_and_a_reason() {
        Approval a = approvals.create(request("tr_8", "h"));
        assertThatThrownBy(() -> approvals.emergency(a.id(), ONCALL, " "))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("reason_required"));
        assertThatThrownBy(() -> approvals.emergency(a.id(), BOB, "primary is down"))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("not_allowed_to_break_glass"))
                .hasMessageContaining("the policy allows role:oncall-lead");
        Approval e = approvals.emergency(a.id(), ONCALL, "primary is down, customers affected");
        assertThat(e.status()).isEqualTo(ApprovalStatus.EMERGENCY);
        assertThat(e.grantsAt(clock.instant())).isTrue();
        assertThat(audit.query(AuditQuery.all().trace("tr_8").type("approval_decided")).get(0).decision())
                .containsEntry("status", "emergency").containsEntry("approver", "olga")
                .containsEntry("reason", "primary is down, customers affected");
    }

    @Test
    void only_the_requester_or_an_approver_cancels() {
        Approval a = approvals.create(request("tr_9", "h"));
        assertThatThrownBy(() -> approvals.cancel(a.id(), DAVE, "no"))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.code()).isEqualTo("not_the_requester"));
        assertThat(approvals.cancel(a.id(), ALICE, "not needed any more").status()).isEqualTo(ApprovalStatus.CANCELLED);
    }
}
