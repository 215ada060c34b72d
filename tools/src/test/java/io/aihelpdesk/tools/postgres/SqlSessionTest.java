package io.aihelpdesk.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlSessionTest {
    private static DatabaseTarget target() throws Exception {
        return DatabaseTargets.of(Inventory.none()).resolve(TestPostgres.connectionString());
    }

    @Test
    void read_only_sessions_cannot_write() throws Exception {
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults());
             SqlSession s = new SqlSession(pools, target(), "probe", "tr_x", true)) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.rows("create table must_not_exist(i int)"));
            assertThat(e.getSQLState()).isEqualTo("25006");
        }
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults());
             SqlSession s = new SqlSession(pools, target(), "probe", "tr_x", true)) {
            assertThat(s.rows("select to_regclass('must_not_exist') as t").get(0).get("t")).isNull();
        }
    }

    @Test
    void sessions_are_tagged_for_dbas_and_carry_timeouts() throws Exception {
        PostgresSettings settings = PostgresSettings.defaults().withStatementTimeout(Duration.ofSeconds(7));
        try (ConnectionPools pools = new ConnectionPools(settings);
             SqlSession s = new SqlSession(pools, target(), "get_lock_info", "tr_abc123", true)) {
            Map<String, Object> row = s.rows("select current_setting('application_name') as app,"
                    + " current_setting('statement_timeout') as st, current_setting('lock_timeout') as lt").get(0);
            assertThat(row).containsEntry("app", "aihelpdesk/get_lock_info tr_abc123").containsEntry("st", "7s").containsEntry("lt", "5s");
        }
    }

    @Test
    void statements_lead_with_a_comment_naming_tool_trace_and_principal() throws Exception {
        List<String> recorded = new java.util.ArrayList<>();
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults());
             SqlSession s = new SqlSession(pools, target(), "get_lock_info", "tr_abc123", "alice*/; drop", true, recorded)) {
            String query = (String) s.rows("select query from pg_stat_activity where pid = pg_backend_pid()").get(0).get("query");
            assertThat(recorded).containsExactly("select query from pg_stat_activity where pid = pg_backend_pid()");
            assertThat(query).startsWith("/* aihelpdesk tool=get_lock_info trace=tr_abc123 principal=alice____drop */ select");
        }
    }

    @Test
    void statement_timeout_cancels_runaway_queries() throws Exception {
        PostgresSettings settings = PostgresSettings.defaults().withStatementTimeout(Duration.ofSeconds(1));
        try (ConnectionPools pools = new ConnectionPools(settings);
             SqlSession s = new SqlSession(pools, target(), "probe", null, true)) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.rows("select pg_sleep(5)"));
            assertThat(e.getSQLState()).isEqualTo("57014");
        }
    }

    @Test
    void caps_rows_and_says_so() throws Exception {
        record N(int n) {
        }
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults());
             SqlSession s = new SqlSession(pools, target(), "probe", null, true)) {
            SqlRunner.Capped<N> capped = s.capped(N.class, 3, "select g as n from generate_series(1, 10) g");
            assertThat(capped.rows()).extracting(N::n).containsExactly(1, 2, 3);
            assertThat(capped.truncated()).isTrue();
            SqlRunner.Capped<N> all = s.capped(N.class, 10, "select g as n from generate_series(1, ?) g", 10);
            assertThat(all.rows()).hasSize(10);
            assertThat(all.truncated()).isFalse();
            assertThat(s.list(N.class, "select g as n from generate_series(1, 2) g")).isEqualTo(List.of(new N(1), new N(2)));
        }
    }
}
