package io.aihelpdesk.tools.postgres.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetTableStatsTest {
    @Test
    void reports_dead_tuples_of_a_table_after_deletes() throws Exception {
        TestPostgres.exec("create table ts_bloat(id int, pad text)", "alter table ts_bloat set (autovacuum_enabled = false)",
                "insert into ts_bloat select g, repeat('x', 50) from generate_series(1, 1000) g",
                "delete from ts_bloat where id > 100");
        try {
            Map<String, Object> t = await("ts_bloat", 900);
            assertThat(t.get("schema_name")).isEqualTo("public");
            assertThat(((Number) t.get("dead_tuples")).longValue()).isEqualTo(900);
            assertThat(((Number) t.get("live_tuples")).longValue()).isEqualTo(100);
            assertThat((Double) t.get("dead_pct")).isEqualTo(90.0);
            assertThat(((Number) t.get("total_bytes")).longValue()).isGreaterThan(0);
            assertThat((String) t.get("total_size")).isNotBlank();
            assertThat(t.get("last_vacuum")).isNull();
            assertThat(((Number) t.get("n_mod_since_analyze")).longValue()).isGreaterThanOrEqualTo(1000);
        } finally {
            TestPostgres.exec("drop table ts_bloat");
        }
    }

    @Test
    void lists_the_20_largest_tables_of_a_schema_when_no_table_is_named() {
        TestPostgres.exec("create schema ts_top");
        try {
            for (int i = 0; i < 21; i++) {
                TestPostgres.exec("create table ts_top.small_" + i + "(id int)");
            }
            TestPostgres.exec("create table ts_top.big(id int)", "insert into ts_top.big select generate_series(1, 5000)");
            Map<String, Object> data = TestPostgres.data("get_table_stats", Map.of("schema_name", "ts_top"));
            List<Map<String, Object>> tables = tables(data);
            assertThat(tables).hasSize(20);
            assertThat(data.get("count")).isEqualTo(20);
            assertThat(data.get("truncated")).isEqualTo(true);
            assertThat(tables.get(0).get("table_name")).isEqualTo("big");
            assertThat(tables).allSatisfy(t -> assertThat(t.get("schema_name")).isEqualTo("ts_top"));
        } finally {
            TestPostgres.exec("drop schema ts_top cascade");
        }
    }

    @Test
    void unknown_table_fails_with_table_not_found_naming_schema_and_table() {
        Outcome o = TestPostgres.call("get_table_stats", Map.of("table_name", "ts_no_such_table"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        Outcome.Failed f = (Outcome.Failed) o;
        assertThat(f.diagnosis().code()).isEqualTo("table_not_found");
        assertThat(f.diagnosis().message()).contains("public.ts_no_such_table");
    }

    @Test
    void injection_shaped_names_leave_the_database_unchanged() throws Exception {
        TestPostgres.exec("create table ts_victim(id int)", "insert into ts_victim select generate_series(1, 7)");
        try {
            Outcome bySchema = TestPostgres.call("get_table_stats",
                    Map.of("schema_name", "public'; drop table ts_victim; --", "table_name", "ts_victim"));
            Outcome byTable = TestPostgres.call("get_table_stats",
                    Map.of("table_name", "ts_victim'; delete from ts_victim; --"));
            Map<String, Object> listing = TestPostgres.data("get_table_stats",
                    Map.of("schema_name", "x' or '1'='1"));
            assertThat(((Outcome.Failed) bySchema).diagnosis().code()).isEqualTo("table_not_found");
            assertThat(((Outcome.Failed) byTable).diagnosis().code()).isEqualTo("table_not_found");
            assertThat(listing.get("count")).isEqualTo(0);
            assertThat(rowCount("ts_victim")).isEqualTo(7);
        } finally {
            TestPostgres.exec("drop table ts_victim");
        }
    }

    static long rowCount(String table) throws Exception {
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Statistics reach the views asynchronously; wait until the deletes are counted. */
    private static Map<String, Object> await(String table, long dead) throws InterruptedException {
        Map<String, Object> last = null;
        for (int i = 0; i < 100; i++) {
            last = tables(TestPostgres.data("get_table_stats", Map.of("table_name", table))).get(0);
            if (((Number) last.get("dead_tuples")).longValue() >= dead) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("dead tuples never reached " + dead + ": " + last);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tables(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("tables");
    }
}
