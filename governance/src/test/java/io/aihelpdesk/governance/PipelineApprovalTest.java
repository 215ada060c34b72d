package io.aihelpdesk.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.approval.ApprovalNotifier;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.governance.approval.JdbcApprovalStore;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating mode and approvals through the pipeline, with a WRITE tool that inserts a row into a real
 * PostgreSQL: readonly hides and refuses it; in fix mode a require_approval rule parks the call until a
 * quorum of other people approves, and the same call under the same trace then runs once.
 */
class PipelineApprovalTest {
    private static EmbeddedPostgres pg;
    private static ConnectionPools pools;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table notes (id serial primary key, body text not null)");
        }
        pools = new ConnectionPools(PostgresSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        pools.close();
        pg.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate notes");
        }
    }

    record NoteParams(@Param("target database") String connectionString, @Param("text of the note") String body) {
    }

    record Inserted(int id) {
    }

    /** A WRITE tool: inserts one row. */
    static final ToolDefinition<NoteParams, Inserted> ADD_NOTE = new ToolDefinition<>("add_note", "test tool: inserts a note",
            Effect.WRITE, TargetKind.DATABASE, NoteParams.class, Inserted.class,
            (p, ctx) -> {
                int id = ((Number) ctx.sql().rows("insert into notes (body) values (?) returning id", p.body()).get(0).get("id")).intValue();
                return Result.of(new Inserted(id), "note " + id + " added");
            });

    private static final String POLICY = """
            version: "1"
            policies:
              - name: prod-changes
                principals: [{role: dba}]
                resources: [{type: database, match: {tags: [production]}}]
                rules:
                  - action: read
                    effect: allow
                  - action: write
                    effect: require_approval
                    message: Production writes need two other DBAs.
                    conditions: {approval_quorum: 2, approvers: [{role: dba}], approval_valid_minutes: 10}
              - name: staging-open
                resources: [{type: database, match: {tags: [staging]}}]
                rules: [{action: [read, write], effect: allow}]
            """;

    private static final Caller ALICE = new Caller("alice", "user", List.of("dba"), "test");

    private Pipeline pipeline(SqliteAuditStore audit, OperatingMode mode, Approvals approvals) throws Exception {
        Inventory inventory = InventoryLoader.parse("""
                db_servers:
                  prod:
                    connection_string: "host=localhost port=%d dbname=postgres user=postgres"
                    tags: [production]
                  staging:
                    connection_string: "host=localhost port=%d dbname=postgres user=postgres"
                    tags: [staging]
                """.formatted(pg.getPort(), pg.getPort()), "inv.yaml", Map.<String, String>of()::get);
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(PostgresToolset.all());
        tools.add(ADD_NOTE);
        Invoker invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(inventory), pools);
        PolicyEngine engine = new PolicyEngine(PolicyFile.parse(POLICY, "policies.yaml", Map.<String, String>of()::get), Verdict.DENY, false);
        return new Pipeline(invoker, () -> engine, audit, new Redactor(), Clock.systemUTC(), mode, approvals);
    }

    private static Outcome add(Pipeline p, String target, String body, String trace) {
        return p.run(new Invocation("add_note", Map.of("connection_string", target, "body", body), ALICE, trace, "test"));
    }

    private static List<String> notes() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select body from notes order by id")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void readonly_mode_hides_write_tools_and_refuses_them_with_an_audited_denial() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Pipeline p = pipeline(audit, OperatingMode.READONLY, null);
            assertThat(p.catalog().find("add_note")).isEmpty();
            assertThat(p.catalog().find("check_connection")).isPresent();

            Outcome o = add(p, "staging", "hello", null);
            assertThat(o).isInstanceOf(Outcome.Denied.class);
            assertThat(o.text()).isEqualTo("DENIED — add_note: the server runs in readonly mode; add_note is write — start it with "
                    + "--mode fix (or HELPDESK_MODE=fix) to offer changes, under policy and approvals (mode: readonly)");
            assertThat(notes()).isEmpty();
            List<AuditEvent> events = audit.query(AuditQuery.all().trace(o.traceId()));
            assertThat(events).extracting(AuditEvent::eventType).containsExactly("tool_execution");
            assertThat(events.get(0).outcome().status()).isEqualTo("denied");
            assertThat(events.get(0).actionClass()).isEqualTo("write");

            assertThat(pipeline(audit, OperatingMode.FIX, null).catalog().find("add_note")).isPresent();
        }
    }

    @Test
    void production_write_waits_for_two_other_dbas_then_the_same_call_runs_under_the_same_trace() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"));
             JdbcApprovalStore store = JdbcApprovalStore.postgres(pg.getPostgresDatabase())) {
            Approvals approvals = new Approvals(store, audit, ApprovalNotifier.NONE, Clock.systemUTC());
            Pipeline p = pipeline(audit, OperatingMode.FIX, approvals);
            String trace = Invocation.newTraceId();

            Outcome first = add(p, "prod", "vacuum done", trace);
            assertThat(first).as(first.text()).isInstanceOf(Outcome.PendingApproval.class);
            String id = ((Outcome.PendingApproval) first).approvalId();
            assertThat(first.text()).startsWith("APPROVAL REQUIRED — add_note: Production writes need two other DBAs. — approve with "
                    + "`helpdesk approvals approve " + id + "` or POST /v1/approvals/" + id + "/approve, as role:dba other than alice "
                    + "(0 of 2 approvals so far; expires ")
                    .contains("re-run the same call with the same arguments and trace id " + trace);
            assertThat(notes()).isEmpty();
            assertThat(audit.query(AuditQuery.all().trace(trace))).extracting(e -> e.eventType()
                    + (e.outcome() == null ? "" : ":" + e.outcome().status()))
                    .containsExactly("policy_decision", "approval_requested", "tool_execution:pending_approval");

            assertThat(add(p, "prod", "vacuum done", trace)).as("asked again before approval: same request")
                    .isInstanceOfSatisfying(Outcome.PendingApproval.class, o -> assertThat(o.approvalId()).isEqualTo(id));
            approvals.approve(id, Principal.user("bob", "dba"), "ok", null, "test");
            assertThat(add(p, "prod", "vacuum done", trace)).isInstanceOf(Outcome.PendingApproval.class);
            assertThat(approvals.approve(id, Principal.user("carol", "dba"), "ok", null, "test").status()).isEqualTo(ApprovalStatus.APPROVED);

            Outcome other = add(p, "prod", "something else", trace);
            assertThat(other).as("other arguments need their own approval").isInstanceOfSatisfying(Outcome.PendingApproval.class,
                    o -> assertThat(o.approvalId()).isNotEqualTo(id));
            assertThat(add(p, "prod", "vacuum done", null)).as("another trace").isInstanceOf(Outcome.PendingApproval.class);
            approvals.deny(((Outcome.PendingApproval) other).approvalId(), Principal.user("bob", "dba"), "not that note");
            assertThat(add(p, "prod", "something else", trace).text()).as("a denial stands for the trace")
                    .isEqualTo("DENIED — add_note: approval " + ((Outcome.PendingApproval) other).approvalId()
                            + " was denied by bob: not that note; a new trace is needed to ask again (approval "
                            + ((Outcome.PendingApproval) other).approvalId() + ": denied)");
            assertThat(notes()).isEmpty();

            Outcome ran = add(p, "prod", "vacuum done", trace);
            assertThat(ran).as(ran.text()).isInstanceOf(Outcome.Succeeded.class);
            assertThat(notes()).containsExactly("vacuum done");
            AuditEvent intent = audit.query(AuditQuery.all().trace(trace).type("tool_execution")).stream()
                    .filter(e -> e.outcome() == null).findFirst().orElseThrow();
            assertThat(intent.decision()).containsEntry("approval_id", id).containsEntry("approval_status", "approved");
            assertThat(audit.verify().valid()).isTrue();
        }
    }

    @Test
    void policy_allowed_write_is_recorded_as_auto_approved() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"));
             JdbcApprovalStore store = JdbcApprovalStore.sqlite(dir.resolve("approvals.db"))) {
            Pipeline p = pipeline(audit, OperatingMode.FIX, new Approvals(store, audit, ApprovalNotifier.NONE, Clock.systemUTC()));
            Outcome o = add(p, "staging", "staging note", null);
            assertThat(o).as(o.text()).isInstanceOf(Outcome.Succeeded.class);
            assertThat(notes()).containsExactly("staging note");
            AuditEvent decided = audit.query(AuditQuery.all().trace(o.traceId()).type("approval_decided")).get(0);
            assertThat(decided.decision()).containsEntry("status", "auto_approved").containsEntry("reason", "allowed by staging-open");
        }
    }

    @Test
    void refuses_fail_closed_when_the_approval_store_is_down() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"));
             JdbcApprovalStore store = JdbcApprovalStore.postgres(pg.getPostgresDatabase())) {
            Pipeline p = pipeline(audit, OperatingMode.FIX, new Approvals(store, audit, ApprovalNotifier.NONE, Clock.systemUTC()));
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("alter table approvals rename to approvals_gone");
            }
            try {
                Outcome o = add(p, "prod", "x", null);
                assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class,
                        f -> assertThat(f.diagnosis().code()).isEqualTo("approval_unavailable"));
                assertThat(o.text()).contains("the call needs an approval and none could be obtained, so it was not run",
                        "relation \"approvals\" does not exist");
                assertThat(notes()).isEmpty();
                assertThat(audit.query(AuditQuery.all().trace(o.traceId()))).extracting(AuditEvent::eventType)
                        .containsExactly("policy_decision", "tool_execution");
            } finally {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("alter table approvals_gone rename to approvals");
                }
            }
        }
    }

    @Test
    void without_an_approval_workflow_require_approval_is_refused() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Outcome o = add(pipeline(audit, OperatingMode.FIX, null), "prod", "x", null);
            assertThat(o).isInstanceOf(Outcome.Denied.class);
            assertThat(o.text()).contains("cannot collect approvals");
            assertThat(notes()).isEmpty();
        }
    }

}
