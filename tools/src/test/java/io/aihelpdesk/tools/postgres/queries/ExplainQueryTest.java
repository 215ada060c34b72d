package io.aihelpdesk.tools.postgres.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExplainQueryTest {
    @BeforeAll
    static void table() {
        TestPostgres.exec("create table eq_t(id int primary key, v text)",
                "insert into eq_t select g, 'v' || g from generate_series(1, 100) g", "analyze eq_t");
    }

    @AfterAll
    static void drop() {
        TestPostgres.exec("drop table if exists eq_t", "drop table if exists eq_copy");
    }

    @Test
    void returns_plan_lines_and_top_node_cost_without_running_the_query() {
        Map<String, Object> data = TestPostgres.data("explain_query", Map.of("query", "select * from eq_t where id = 1"));
        @SuppressWarnings("unchecked")
        List<String> plan = (List<String>) data.get("plan");
        assertThat(plan).isNotEmpty();
        assertThat(plan.get(0)).contains("eq_t").contains("cost=");
        assertThat(plan.get(0)).startsWith((String) data.get("top_node"));
        assertThat((Double) data.get("total_cost")).isGreaterThan(0.0);
        assertThat((Double) data.get("plan_rows")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"select ';' as x", "select 1;", "select $$;drop table eq_t$$ as x",
            "select \"id\" from eq_t -- ; drop table eq_t", "select '{\"a\":1}'::jsonb ? 'a'",
            "with c as (select id from eq_t) select count(*) from c", "values (1), (2)", "table eq_t"})
    void accepts_single_read_only_statements_whose_semicolons_are_not_code(String query) {
        assertThat(TestPostgres.call("explain_query", Map.of("query", query))).isInstanceOf(Outcome.Succeeded.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete from eq_t", "select 1; drop table eq_t", "select * from eq_t for update",
            "select * from eq_t for no key update", "explain analyze delete from eq_t", "select * into eq_copy from eq_t",
            "with d as (delete from eq_t returning *) select * from d", "select 1 /* ; */ ; delete from eq_t",
            "select 'unterminated; delete from eq_t", "drop table eq_t", "  ", "truncate eq_t"})
    void refuses_anything_but_one_select_and_leaves_the_table_intact(String query) throws Exception {
        Outcome o = TestPostgres.call("explain_query", Map.of("query", query));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("explain_refused");
        assertThat(o.text()).contains("refused the statement: ");
        assertThat(scalar("select count(*) from eq_t")).isEqualTo(100);
        assertThat(scalar("select count(*) from pg_class where relname = 'eq_copy'")).isZero();
    }

    @Test
    void reports_a_planning_error_with_its_sqlstate() {
        Outcome o = TestPostgres.call("explain_query", Map.of("query", "select * from eq_no_such_table"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("explain_failed");
        assertThat(((Outcome.Failed) o).diagnosis().sqlState()).isEqualTo("42P01");
    }

    private static long scalar(String sql) throws Exception {
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
