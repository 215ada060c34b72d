package io.aihelpdesk.tools.postgres.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetSlowQueriesTest {
    @Test
    void lists_a_slow_pg_sleep_statement_by_mean_time() {
        TestPostgres.exec("create extension if not exists pg_stat_statements", "select pg_sleep(0.3)");
        Map<String, Object> data = TestPostgres.data("get_slow_queries", Map.of("order_by", "mean_time", "limit", 100));
        assertThat(data.get("order_by")).isEqualTo("mean_time");
        assertThat(statements(data)).anySatisfy(s -> {
            assertThat((String) s.get("query")).contains("pg_sleep");
            assertThat((Double) s.get("mean_ms")).isGreaterThanOrEqualTo(250.0);
            assertThat(((Number) s.get("calls")).longValue()).isGreaterThanOrEqualTo(1);
        });
        assertThat(statements(data)).isSortedAccordingTo(
                Comparator.comparing((Map<String, Object> s) -> (Double) s.get("mean_ms")).reversed());
    }

    @Test
    void orders_by_calls_and_honours_the_limit() {
        TestPostgres.exec("create extension if not exists pg_stat_statements");
        for (int i = 0; i < 5; i++) {
            TestPostgres.exec("select count(*) from pg_class where relname = 'sq_marker_" + i + "'");
        }
        Map<String, Object> data = TestPostgres.data("get_slow_queries", Map.of("order_by", "calls", "limit", 3));
        assertThat(statements(data)).hasSize(3);
        assertThat(data.get("truncated")).isEqualTo(true);
        assertThat(statements(data)).isSortedAccordingTo(
                Comparator.comparing((Map<String, Object> s) -> ((Number) s.get("calls")).longValue()).reversed());
    }

    @Test
    void rejects_an_order_by_outside_the_whitelist_before_touching_the_database() {
        Outcome o = TestPostgres.call("get_slow_queries", Map.of("order_by", "calls; drop table x"));
        assertThat(o).isInstanceOf(Outcome.Invalid.class);
        assertThat(o.text()).contains("order_by").contains("must be one of");
    }

    @Test
    void fails_with_instructions_when_the_extension_is_missing() {
        TestPostgres.exec("create database sq_noext");
        try {
            String conn = TestPostgres.connectionString().replace("dbname=postgres", "dbname=sq_noext");
            Outcome o = TestPostgres.call("get_slow_queries", Map.of("connection_string", conn));
            assertThat(o).isInstanceOf(Outcome.Failed.class);
            var d = ((Outcome.Failed) o).diagnosis();
            assertThat(d.code()).isEqualTo("pg_stat_statements_missing");
            assertThat(d.hint()).contains("shared_preload_libraries = 'pg_stat_statements'", "restart",
                    "CREATE EXTENSION pg_stat_statements");
        } finally {
            TestPostgres.exec("drop database sq_noext with (force)");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("statements");
    }
}
