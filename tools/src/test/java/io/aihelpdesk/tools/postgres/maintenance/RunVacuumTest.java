package io.aihelpdesk.tools.postgres.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.remediation.RemediationFixture;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunVacuumTest {
    static RemediationFixture fx;

    @BeforeAll
    static void start() {
        fx = new RemediationFixture(TestPostgres.connectionString(), null);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static long vacuumCount(String schema, String table) throws Exception {
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select vacuum_count from pg_stat_all_tables where schemaname = '" + schema
                     + "' and relname = '" + table + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void vacuums_a_mixed_case_table_outside_any_transaction_and_verifies_the_counter_moved() throws Exception {
        TestPostgres.exec("create schema if not exists \"Shop\"",
                "create table \"Shop\".\"Order Lines\" as select g as id from generate_series(1, 5000) g",
                "delete from \"Shop\".\"Order Lines\" where id % 2 = 0");
        try {
            Map<String, Object> preview = fx.ok("run_vacuum", Map.of("table", "\"Shop\".\"Order Lines\"", "dry_run", true));
            assertThat(preview).containsEntry("statement", "VACUUM (ANALYZE) \"Shop\".\"Order Lines\"")
                    .containsEntry("verified", null).containsEntry("reversible", false);
            assertThat(vacuumCount("Shop", "Order Lines")).isZero();

            Map<String, Object> done = fx.ok("run_vacuum", Map.of("table", "\"Shop\".\"Order Lines\"", "verbose", true));
            assertThat(done).containsEntry("statement", "VACUUM (ANALYZE, VERBOSE) \"Shop\".\"Order Lines\"")
                    .containsEntry("verified", true);
            assertThat((String) done.get("evidence")).startsWith("vacuum_count of \"Shop\".\"Order Lines\" went from 0 to 1");
            assertThat(vacuumCount("Shop", "Order Lines")).isEqualTo(1);
        } finally {
            TestPostgres.exec("drop schema \"Shop\" cascade");
        }
    }

    @Test
    void refuses_a_table_that_does_not_exist_and_never_runs_caller_text() throws Exception {
        TestPostgres.exec("create table vacuum_victim(id int)");
        try {
            Outcome.Failed missing = fx.failed("run_vacuum", Map.of("table", "no_such_table"));
            assertThat(missing.diagnosis().code()).isEqualTo("table_not_found");
            assertThat(missing.diagnosis().message()).startsWith("no table 'no_such_table' in this database");

            Outcome o = fx.call("run_vacuum", Map.of("table", "vacuum_victim; drop table vacuum_victim"));
            assertThat(o).isInstanceOf(Outcome.Failed.class);
            try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select to_regclass('vacuum_victim') is not null")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the table survived").isTrue();
            }
        } finally {
            TestPostgres.exec("drop table if exists vacuum_victim");
        }
    }

    @Test
    void is_refused_above_the_row_blast_radius() throws Exception {
        TestPostgres.exec("create table vacuum_limited as select g as id from generate_series(1, 100) g",
                "delete from vacuum_limited", "analyze vacuum_limited");
        try {
            Thread.sleep(600); // statistics reach the shared counters within the stats flush interval
            RemediationFixture.LimitingGate gate = RemediationFixture.limit(10);
            Outcome.Failed f = fx.failed("run_vacuum", Map.of("table", "vacuum_limited"), gate);
            assertThat(f.diagnosis().code()).isEqualTo("guardrail_blast_radius");
            assertThat(gate.asked).hasSize(1).allMatch(a -> a.startsWith("rows=") && Long.parseLong(a.substring(5)) > 10);
            assertThat(vacuumCount("public", "vacuum_limited")).isZero();
        } finally {
            TestPostgres.exec("drop table vacuum_limited");
        }
    }
}
