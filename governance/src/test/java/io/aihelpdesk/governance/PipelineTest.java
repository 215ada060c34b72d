package io.aihelpdesk.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.incident.IncidentToolset;
import io.aihelpdesk.tools.incident.Redaction;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline end to end against a real PostgreSQL: policy decides at the gate, every call is
 * chained into the audit store (denials and invalid calls too), and no secret reaches the chain.
 */
class PipelineTest {
    private static final String PASSWORD = "Pipe-Secret-42";
    private static EmbeddedPostgres pg;
    private static ConnectionPools pools;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create role monitor login password '" + PASSWORD + "'");
        }
        pools = new ConnectionPools(PostgresSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        pools.close();
        pg.close();
    }

    private static final String POLICY = """
            version: "1"
            policies:
              - name: prod-read-for-dba
                priority: 10
                principals: [{role: dba}]
                resources: [{type: database, match: {tags: [production]}}]
                rules: [{action: read, effect: allow}]
              - name: staging-open
                resources: [{type: database, match: {tags: [staging]}}]
                rules: [{action: [read, write], effect: allow}]
            """;

    /** A tool that runs check_connection by name on a target, as incident bundles and triage do. */
    record Target(@Param("target") String connectionString) {
    }

    record Nested(String status, String text) {
    }

    private static final ToolDefinition<Target, Nested> CHECK_VIA_NESTED = new ToolDefinition<>("check_via_nested",
            "test tool: runs check_connection through ToolContext.call", Effect.READ, TargetKind.NONE, Target.class, Nested.class,
            (p, ctx) -> {
                Outcome o = ctx.call("check_connection", Map.of("connection_string", p.connectionString()));
                return Result.of(new Nested(o.getClass().getSimpleName(), o.text()), o.text());
            });

    private Pipeline pipeline(SqliteAuditStore audit, String policy) throws Exception {
        Inventory inventory = InventoryLoader.parse("""
                db_servers:
                  prod:
                    connection_string: "host=localhost port=%d dbname=postgres user=monitor password=%s"
                    tags: [production]
                  prod-down:
                    connection_string: "host=127.0.0.1 port=1 dbname=postgres user=monitor"
                    tags: [production]
                  staging:
                    connection_string: "host=127.0.0.1 port=%d dbname=postgres user=postgres"
                    tags: [staging]
                """.formatted(pg.getPort(), PASSWORD, pg.getPort()), "inv.yaml", Map.<String, String>of()::get);
        List<ToolDefinition<?, ?>> tools = new java.util.ArrayList<>(PostgresToolset.all());
        tools.add(CHECK_VIA_NESTED);
        tools.addAll(IncidentToolset.all(IncidentSettings.defaults(dir.resolve("incidents"), "test"),
                new Redaction(new Redactor()::text, Redactor.MASK)));
        Invoker invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(inventory), pools);
        PolicyEngine engine = policy == null ? null : new PolicyEngine(PolicyFile.parse(policy, "policies.yaml",
                Map.<String, String>of()::get), Verdict.DENY, false);
        return new Pipeline(invoker, engine == null ? null : () -> engine, audit, new Redactor(),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    private static Outcome call(Pipeline p, String tool, Map<String, Object> args, Caller caller) {
        return p.run(new Invocation(tool, args, caller, null, "test"));
    }

    private static final Caller DBA = new Caller("alice", "user", List.of("dba"), "test");
    private static final Caller DEV = new Caller("bob", "user", List.of("developer"), "test");

    @Test
    void allowed_call_chains_decision_intent_and_outcome_in_order() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Outcome o = call(pipeline(audit, POLICY), "check_connection", Map.of("connection_string", "prod"), DBA);
            assertThat(o).as(o.text()).isInstanceOf(Outcome.Succeeded.class);
            List<AuditEvent> events = audit.query(AuditQuery.all().trace(o.traceId()));
            assertThat(events).extracting(AuditEvent::eventType).containsExactly("policy_decision", "tool_execution", "outcome");
            assertThat(events.get(0).decision()).containsEntry("effect", "allow");
            assertThat(events.get(1).principal().id()).isEqualTo("alice");
            assertThat(events.get(2).parentId()).isEqualTo(events.get(1).eventId());
            assertThat(events.get(2).outcome().status()).isEqualTo("success");
            assertThat(events.get(2).tool().result()).startsWith("Connection successful");
            assertThat(events.get(2).tool().rawCommand()).contains("select version()").doesNotContain(PASSWORD);
            assertThat(audit.verify().valid()).isTrue();
        }
    }

    @Test
    void nested_calls_are_policy_checked_and_audited_as_their_own_events_under_the_same_trace() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Pipeline p = pipeline(audit, POLICY);
            Outcome allowed = call(p, "check_via_nested", Map.of("connection_string", "prod"), DBA);
            assertThat(allowed).as(allowed.text()).isInstanceOf(Outcome.Succeeded.class);
            assertThat(((Outcome.Succeeded) allowed).data()).containsEntry("status", "Succeeded");
            List<AuditEvent> events = audit.query(AuditQuery.all().trace(allowed.traceId()));
            assertThat(events).extracting(e -> e.tool().name() + ":" + e.eventType()).containsExactly(
                    "check_via_nested:tool_execution", "check_connection:policy_decision",
                    "check_connection:tool_execution", "check_connection:outcome", "check_via_nested:outcome");
            assertThat(events.get(2).tool().agent()).isEqualTo("aihelpdesk/nested:check_via_nested");
            assertThat(events.get(2).principal().id()).isEqualTo("alice");

            Outcome denied = call(p, "check_via_nested", Map.of("connection_string", "prod-down"), DEV);
            assertThat(((Outcome.Succeeded) denied).data()).containsEntry("status", "Denied");
            assertThat(audit.query(AuditQuery.all().trace(denied.traceId()))).extracting(e -> e.tool().name() + ":"
                    + (e.outcome() == null ? e.eventType() : e.outcome().status())).contains("check_connection:denied");
            assertThat(audit.verify().valid()).isTrue();
        }
    }

    @Test
    void incident_tools_act_on_the_host_and_need_a_host_policy_once_a_policy_file_is_configured() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Outcome denied = call(pipeline(audit, POLICY), "create_incident_bundle", Map.of("layers", "os"), DBA);
            assertThat(denied).as(denied.text()).isInstanceOf(Outcome.Denied.class);
            assertThat(dir.resolve("incidents")).doesNotExist();
            assertThat(audit.query(AuditQuery.all().trace(denied.traceId())).get(0).decision()).containsEntry("effect", "deny");

            Pipeline withHost = pipeline(audit, POLICY + """
                      - name: dba-bundles
                        principals: [{role: dba}]
                        resources: [{type: host}]
                        rules: [{action: [read, write], effect: allow}]
                    """);
            Outcome allowed = call(withHost, "list_incidents", Map.of(), DBA);
            assertThat(allowed).as(allowed.text()).isInstanceOf(Outcome.Succeeded.class);
            assertThat(call(withHost, "list_incidents", Map.of(), DEV)).isInstanceOf(Outcome.Denied.class);
        }
    }

    @Test
    void denied_call_never_reaches_the_database_and_is_audited() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            // prod-down points at a closed port: reaching it would fail with connection_refused, not a denial.
            Outcome o = call(pipeline(audit, POLICY), "check_connection", Map.of("connection_string", "prod-down"), DEV);
            assertThat(o).isInstanceOf(Outcome.Denied.class);
            assertThat(o.text()).contains("DENIED", "no matching policy");
            assertThat(((Outcome.Denied) o).policyVersion()).hasSize(64);
            List<AuditEvent> events = audit.query(AuditQuery.all().trace(o.traceId()));
            assertThat(events).extracting(AuditEvent::eventType).containsExactly("policy_decision", "tool_execution");
            assertThat(events.get(1).outcome().status()).isEqualTo("denied");
        }
    }

    @Test
    void without_a_policy_file_calls_are_allowed_and_still_audited() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Outcome o = call(pipeline(audit, null), "check_connection", Map.of("connection_string", "staging"), DEV);
            assertThat(o).isInstanceOf(Outcome.Succeeded.class);
            assertThat(audit.query(AuditQuery.all().trace(o.traceId()))).extracting(AuditEvent::eventType)
                    .containsExactly("tool_execution", "outcome");
        }
    }

    @Test
    void invalid_and_failed_calls_are_audited_too() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Pipeline p = pipeline(audit, null);
            Outcome invalid = call(p, "check_connection", Map.of("bogus", 1), DEV);
            Outcome failed = call(p, "check_connection", Map.of("connection_string", "prod-down"), DEV);
            assertThat(audit.query(AuditQuery.all().trace(invalid.traceId()))).singleElement()
                    .satisfies(e -> assertThat(e.outcome().status()).isEqualTo("invalid"));
            assertThat(audit.query(AuditQuery.all().trace(failed.traceId()))).extracting(e -> e.outcome() == null ? "intent" : e.outcome().status())
                    .containsExactly("intent", "error");
        }
    }

    @Test
    void refuses_to_run_when_the_audit_store_cannot_record() throws Exception {
        SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"));
        Pipeline p = pipeline(audit, null);
        audit.close();
        Outcome o = call(p, "check_connection", Map.of("connection_string", "staging"), DEV);
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("audit_unavailable");
    }

    @Test
    void a_known_password_never_reaches_the_audit_store_or_the_caller() throws Exception {
        Path db = dir.resolve("audit.db");
        try (SqliteAuditStore audit = new SqliteAuditStore(db)) {
            Pipeline p = pipeline(audit, null);
            String literal = "host=localhost port=" + pg.getPort() + " dbname=postgres user=monitor password=" + PASSWORD;
            List<Outcome> outcomes = List.of(
                    call(p, "check_connection", Map.of("connection_string", "prod"), DBA),
                    call(p, "check_connection", Map.of("connection_string", literal), DBA),
                    call(p, "get_active_connections", Map.of("connection_string", literal, "include_idle", true), DBA),
                    call(p, "check_connection", Map.of("connection_string", literal.replace(PASSWORD, PASSWORD + "x")), DBA),
                    call(p, "get_config_parameter", Map.of("connection_string", "prod", "parameter_name", PASSWORD), DBA));
            outcomes.forEach(o -> assertThat(o.text()).doesNotContain(PASSWORD));
            assertThat(audit.verify().valid()).isTrue();
        }
        for (Path f : Files.list(dir).toList()) {
            assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as(f.toString()).doesNotContain(PASSWORD);
        }
    }
}
