package io.aihelpdesk.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attack test: every string parameter of every tool receives SQL-injection-shaped values; the
 * database must be unchanged afterwards (canary table present with all rows, no new relations,
 * no new roles) and no call may end in an internal error.
 */
class InjectionTest {
    private static final List<String> PAYLOADS = List.of(
            "x'; drop table injection_canary; --",
            "x\"; drop table injection_canary; --",
            "'); delete from injection_canary; --",
            "$$; create table injected(i int); $$",
            "1; create role injected_role superuser; --",
            "x' or '1'='1",
            "\\'; truncate injection_canary; --");

    @Test
    void string_parameters_are_data_never_sql() throws Exception {
        TestPostgres.exec("create table if not exists injection_canary(i int)", "truncate injection_canary",
                "insert into injection_canary select generate_series(1, 10)");
        long relationsBefore = count("select count(*) from pg_class");
        List<String> calls = new ArrayList<>();
        for (ToolDefinition<?, ?> tool : PostgresToolset.all()) {
            for (RecordComponent c : tool.params().getRecordComponents()) {
                if (c.getType() != String.class || c.getName().equals("connectionString")) {
                    continue;
                }
                for (String payload : PAYLOADS) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    args.put(snake(c.getName()), payload);
                    Outcome o = TestPostgres.call(tool.name(), args);
                    calls.add(tool.name() + "." + c.getName());
                    if (o instanceof Outcome.Failed f) {
                        assertThat(f.diagnosis().code()).as(tool.name() + " with " + payload + ": " + o.text()).isNotEqualTo("internal_error");
                    }
                }
            }
        }
        assertThat(calls).as("string parameters attacked").hasSizeGreaterThanOrEqualTo(5 * PAYLOADS.size());
        assertThat(count("select count(*) from injection_canary")).isEqualTo(10);
        assertThat(count("select count(*) from pg_class")).isEqualTo(relationsBefore);
        assertThat(count("select count(*) from pg_roles where rolname = 'injected_role'")).isZero();
        System.out.println("injection payloads sent to " + calls.size() / PAYLOADS.size() + " string parameters");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
