package io.aihelpdesk.tools.postgres.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.SqlSession;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What run_readonly_query answers, its caps, and each enforcement layer below the statement guard on
 * its own: the statement is handed straight to the session (no guard) to show what the read-only
 * transaction, the cursor and the query role stop by themselves — and what only the guard stops.
 */
class RunReadonlyQueryTest {
    @BeforeAll
    static void table() {
        TestPostgres.exec("drop table if exists rq_items", "create table rq_items(id int primary key, name text, note text)",
                "insert into rq_items select g, 'item ' || g, repeat('x', g * 10) from generate_series(1, 300) g",
                "drop role if exists rq_reader", "create role rq_reader nologin", "create sequence if not exists rq_seq");
    }

    @AfterAll
    static void drop() {
        TestPostgres.exec("drop table if exists rq_items", "drop role if exists rq_reader", "drop sequence if exists rq_seq");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(Map<String, Object> data) {
        return (List<List<Object>>) data.get("rows");
    }

    @Test
    void a_select_returns_columns_types_and_rows() {
        Map<String, Object> d = TestPostgres.data("run_readonly_query", Map.of("sql", "select id, name from rq_items where id <= 3 order by id"));
        assertThat(d).containsEntry("statement", "select").containsEntry("row_count", 3).containsEntry("truncated", false);
        assertThat(d.get("columns")).isEqualTo(List.of("id", "name"));
        assertThat(d.get("types")).isEqualTo(List.of("int4", "text"));
        assertThat(rows(d)).containsExactly(List.of(1, "item 1"), List.of(2, "item 2"), List.of(3, "item 3"));
    }

    @Test
    void show_explain_values_table_and_with_are_answered() {
        assertThat(rows(TestPostgres.data("run_readonly_query", Map.of("sql", "SHOW max_connections"))).get(0).get(0)).isNotNull();
        Map<String, Object> plan = TestPostgres.data("run_readonly_query", Map.of("sql", "explain (costs off) select * from rq_items where id = 1"));
        assertThat(plan).containsEntry("statement", "explain");
        assertThat(rows(plan).get(0).get(0).toString()).contains("rq_items");
        assertThat(rows(TestPostgres.data("run_readonly_query", Map.of("sql", "values (1, 'a'), (2, 'b')")))).hasSize(2);
        assertThat(TestPostgres.data("run_readonly_query", Map.of("sql", "table rq_items", "max_rows", 5))).containsEntry("row_count", 5);
        assertThat(rows(TestPostgres.data("run_readonly_query", Map.of("sql",
                "with t as (select count(*) c from rq_items) select c from t")))).containsExactly(List.of(300L));
    }

    @Test
    void results_are_capped_by_rows_by_size_and_per_value() {
        Map<String, Object> capped = TestPostgres.data("run_readonly_query", Map.of("sql", "select * from rq_items order by id", "max_rows", 10));
        assertThat(capped).containsEntry("row_count", 10).containsEntry("truncated", true).containsEntry("truncated_by", "max_rows");
        Map<String, Object> big = TestPostgres.data("run_readonly_query", Map.of("sql", "select repeat('y', 1900) from generate_series(1, 1000)",
                "max_rows", 1000));
        assertThat(big).containsEntry("truncated", true).containsEntry("truncated_by", "size");
        assertThat((Integer) big.get("row_count")).isLessThan(1000).isGreaterThan(100);
        Map<String, Object> wide = TestPostgres.data("run_readonly_query", Map.of("sql", "select repeat('z', 5000) as v"));
        assertThat(wide).containsEntry("values_cut", 1);
        assertThat(rows(wide).get(0).get(0).toString()).hasSize(2000 + "… (5000 characters)".length()).endsWith("… (5000 characters)");
    }

    @Test
    void a_wrong_statement_is_a_diagnosis_with_its_sqlstate() {
        Outcome o = TestPostgres.call("run_readonly_query", Map.of("sql", "select nope from rq_items"));
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("query_failed");
        assertThat(((Outcome.Failed) o).diagnosis().sqlState()).isEqualTo("42703");
    }

    private static Invoker invoker(PostgresSettings settings) {
        return new Invoker(new Catalog(PostgresToolset.all()), DatabaseTargets.of(Inventory.none()), new ConnectionPools(settings));
    }

    private static Outcome call(Invoker invoker, String sql) {
        return invoker.invoke(new Invocation("run_readonly_query", Map.of("connection_string", TestPostgres.connectionString(), "sql", sql),
                Caller.osUser("test"), null, "test"));
    }

    @Test
    void the_statement_timeout_cancels_a_runaway_query() {
        Outcome o = call(invoker(PostgresSettings.defaults().withStatementTimeout(Duration.ofSeconds(1))), "select pg_sleep(5)");
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("query_timeout");
        assertThat(o.text()).contains("statement timeout", "(57014)");
    }

    @Test
    void with_a_query_role_the_statement_has_only_that_roles_privileges() {
        Invoker limited = invoker(PostgresSettings.defaults().withQueryRole("rq_reader"));
        Outcome denied = call(limited, "select count(*) from rq_items");
        assertThat(((Outcome.Failed) denied).diagnosis().sqlState()).isEqualTo("42501");
        TestPostgres.exec("grant select on rq_items to rq_reader");
        assertThat(call(limited, "select current_user, count(*) from rq_items").text()).contains("rq_reader");
        TestPostgres.exec("revoke select on rq_items from rq_reader");
    }

    private static SqlSession session(ConnectionPools pools) throws Exception {
        return new SqlSession(pools, DatabaseTargets.of(Inventory.none()).resolve(TestPostgres.connectionString()), "probe", "tr_x", true);
    }

    private static final SqlRunner.QueryLimits LIMITS = new SqlRunner.QueryLimits(100, 100_000, 2_000);

    @Test
    void without_the_guard_the_read_only_transaction_refuses_writes_and_the_cursor_refuses_writing_ctes() throws Exception {
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults()); SqlSession s = session(pools)) {
            SQLException sequence = catchThrowableOfType(SQLException.class, () -> s.readOnlyQuery("select nextval('rq_seq')", true, LIMITS));
            assertThat(sequence.getSQLState()).isEqualTo("25006");
            SQLException cte = catchThrowableOfType(SQLException.class,
                    () -> s.readOnlyQuery("with d as (delete from rq_items returning 1) select * from d", true, LIMITS));
            assertThat(cte.getSQLState()).as(String.valueOf(cte)).isIn("0A000", "25006");
            SQLException ddl = catchThrowableOfType(SQLException.class,
                    () -> s.readOnlyQuery("create table rq_made(id int)", false, LIMITS));
            assertThat(ddl.getSQLState()).isEqualTo("25006");
        }
        assertThat(TestPostgres.data("run_readonly_query", Map.of("sql", "select count(*) from rq_items")).toString()).contains("300");
        assertThat(TestPostgres.data("run_readonly_query", Map.of("sql", "select last_value, is_called from rq_seq")).toString()).contains("[1, false]");
    }

    @Test
    void without_the_guard_settings_roll_back_but_a_session_advisory_lock_would_survive_which_is_why_the_guard_refuses_it() throws Exception {
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults()); SqlSession s = session(pools)) {
            s.readOnlyQuery("select set_config('work_mem', '123MB', false)", false, LIMITS);
            assertThat(s.rows("select current_setting('work_mem') as w").get(0).get("w")).isNotEqualTo("123MB");
            s.readOnlyQuery("select pg_advisory_lock(4242)", false, LIMITS);
            assertThat(s.rows("select count(*) as n from pg_locks where locktype = 'advisory' and objid = 4242").get(0).get("n")).isEqualTo(1L);
            s.rows("select pg_advisory_unlock(4242)");
        }
        Outcome guarded = TestPostgres.call("run_readonly_query", Map.of("sql", "select pg_advisory_lock(4242)"));
        assertThat(guarded.text()).contains("function pg_advisory_lock() at character 8");
    }
}
