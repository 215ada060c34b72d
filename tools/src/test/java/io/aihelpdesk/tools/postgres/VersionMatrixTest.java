package io.aihelpdesk.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.remediation.RemediationToolset;
import io.aihelpdesk.tools.rollback.RollbackJournal;
import java.nio.file.Files;
import io.aihelpdesk.tools.triage.Diagnose;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every tool of {@link PostgresToolset#all()} against a real server of each supported major, so
 * catalog SQL that a version lacks fails here, naming the major and the tool. Tools added later are
 * covered automatically; a new required parameter needs a sample value in {@link #samples}.
 */
class VersionMatrixTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 14, 15, 16, 17, 18})
    void every_tool_succeeds_on_postgres_major(int major) throws Exception {
        try (EmbeddedPostgres pg = TestPostgres.start(EmbeddedPostgres.builder().setPgBinaryResolver(new MajorBinaries(major)));
             Connection admin = pg.getPostgresDatabase().getConnection();
             ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults())) {
            List<ToolDefinition<?, ?>> catalog = new ArrayList<>(PostgresToolset.all());
            catalog.add(Diagnose.definition());
            Invoker invoker = new Invoker(new Catalog(catalog), DatabaseTargets.of(Inventory.none()), pools);
            // No false alarms: a fresh, idle server of this major gives no finding above info.
            Outcome fresh = invoker.invoke(new Invocation("diagnose", Map.of("connection_string", TestPostgres.connectionString(pg)),
                    Caller.osUser("matrix"), null, "matrix"));
            assertThat(fresh).as("PostgreSQL %d: diagnose -> %s", major, fresh.text()).isInstanceOf(Outcome.Succeeded.class);
            assertThat(((Outcome.Succeeded) fresh).data()).as("PostgreSQL %d fresh: %s", major, fresh.text()).containsEntry("healthy", true);
            int version = setUp(admin);
            assertThat(version / 10000).as("server_version_num of the PostgreSQL %d server", major).isEqualTo(major);
            Map<String, Object> samples = samples(admin);
            SoftAssertions soft = new SoftAssertions();
            List<String> checked = new ArrayList<>();
            for (ToolDefinition<?, ?> tool : PostgresToolset.all()) {
                Map<String, Object> args = arguments(tool, samples, TestPostgres.connectionString(pg));
                Outcome o = invoker.invoke(new Invocation(tool.name(), args, Caller.osUser("matrix"), null, "matrix"));
                soft.assertThat(o).as("PostgreSQL %d: %s -> %s", major, tool.name(), o.text())
                        .isInstanceOf(Outcome.Succeeded.class);
                checked.add(tool.name());
            }
            // The remediation tools' previews run the same version-aware SQL as their actions, and change nothing.
            List<ToolDefinition<?, ?>> remediation = RemediationToolset.all(new RollbackJournal(Files.createTempDirectory("matrix-").resolve("rollbacks.db")))
                    .stream().filter(t -> t.target() == TargetKind.DATABASE && hasDryRun(t)).toList();
            Invoker writer = new Invoker(new Catalog(remediation), DatabaseTargets.of(Inventory.none()), pools);
            for (ToolDefinition<?, ?> tool : remediation) {
                Map<String, Object> args = arguments(tool, samples, TestPostgres.connectionString(pg));
                args.put("dry_run", true);
                Outcome o = writer.invoke(new Invocation(tool.name(), args, Caller.osUser("matrix"), null, "matrix"));
                // Refusals are checked by version-aware SQL too: WAL replay tools on a primary, cancel_query of an idle session.
                boolean expected = o instanceof Outcome.Succeeded || o instanceof Outcome.Failed f
                        && (f.diagnosis().code().equals("not_a_standby") && tool.name().endsWith("_wal_replay")
                        || f.diagnosis().code().equals("nothing_to_cancel") && tool.name().equals("cancel_query"));
                soft.assertThat(expected).as("PostgreSQL %d: %s (dry run) -> %s", major, tool.name(), o.text()).isTrue();
                checked.add(tool.name() + " (dry run)");
            }
            soft.assertThat(remediation).as("remediation tools with a dry run").hasSizeGreaterThanOrEqualTo(9);
            System.out.printf("PostgreSQL %d (%d): %d tools checked %s%n", major, version, checked.size(), checked);
            soft.assertAll();
        }
    }

    private static boolean hasDryRun(ToolDefinition<?, ?> tool) {
        return java.util.Arrays.stream(tool.params().getRecordComponents()).anyMatch(c -> c.getName().equals("dryRun"));
    }

    /** Objects that make the catalog queries return rows, and the extension get_slow_queries needs. */
    private static int setUp(Connection admin) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("create table matrix_t(id serial primary key, v int)");
            s.execute("create index matrix_t_v1 on matrix_t(v)");
            s.execute("create index matrix_t_v2 on matrix_t(v)");
            s.execute("insert into matrix_t(v) select g from generate_series(1, 100) g");
            s.execute("delete from matrix_t where id <= 50");
            s.execute("create sequence matrix_s as smallint");
            s.execute("select setval('matrix_s', 100)");
            s.execute("select pg_create_physical_replication_slot('matrix_slot')");
            try (ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Sample values for required parameters, by parameter name. */
    private static Map<String, Object> samples(Connection admin) throws Exception {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return Map.of("pid", rs.getInt(1), "query", "select * from matrix_t where v = 1", "sql", "select v, count(*) from matrix_t group by v",
                    "idle_minutes", 0, "table", "matrix_t", "slot_name", "matrix_slot", "name", "work_mem", "value", "8MB",
                    "table_name", "matrix_t");
        }
    }

    private static Map<String, Object> arguments(ToolDefinition<?, ?> tool, Map<String, Object> samples, String target) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("connection_string", target);
        for (RecordComponent c : tool.params().getRecordComponents()) {
            String name = c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            Param p = c.getAnnotation(Param.class);
            if (p != null && p.required() && !args.containsKey(name)) {
                assertThat(samples).as("sample value for required parameter %s of %s", name, tool.name()).containsKey(name);
                args.put(name, samples.get(name));
            }
        }
        return args;
    }
}
