package io.aihelpdesk.tools.postgres.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetActiveConnectionsTest {
    @Test
    void lists_idle_in_transaction_sessions_and_hides_idle_ones_unless_asked() throws Exception {
        TestPostgres.exec("create table active_probe(id int)");
        try (Backend busy = Backend.open("active_probe_busy").inTransaction("insert into active_probe values (1)");
             Backend idle = Backend.open("active_probe_idle")) {
            List<Map<String, Object>> rows = Backend.list(TestPostgres.data("get_active_connections", Map.of()),
                    "connections");
            Map<String, Object> row = Backend.byPid(rows, busy.pid);
            assertThat(row.get("state")).isEqualTo("idle in transaction");
            assertThat(row.get("application_name")).isEqualTo("active_probe_busy");
            assertThat(row.get("user")).isEqualTo("postgres");
            assertThat((String) row.get("query")).isEqualTo("insert into active_probe values (1)");
            assertThat(((Number) row.get("xact_seconds")).doubleValue()).isGreaterThanOrEqualTo(0.0);
            assertThat(rows).noneMatch(r -> ((Number) r.get("pid")).intValue() == idle.pid);
            assertThat(rows).noneMatch(r -> "idle".equals(r.get("state")));

            List<Map<String, Object>> all = Backend.list(TestPostgres.data("get_active_connections",
                    Map.of("include_idle", true)), "connections");
            assertThat(Backend.byPid(all, idle.pid).get("state")).isEqualTo("idle");
        } finally {
            TestPostgres.exec("drop table active_probe");
        }
    }

    @Test
    void truncates_long_queries_to_200_characters() throws Exception {
        String longQuery = "select 1 as " + "x".repeat(300);
        try (Backend b = Backend.open("active_probe_long").inTransaction(longQuery)) {
            List<Map<String, Object>> rows = Backend.list(TestPostgres.data("get_active_connections", Map.of()),
                    "connections");
            assertThat((String) Backend.byPid(rows, b.pid).get("query")).hasSize(200).isEqualTo(longQuery.substring(0, 200));
        }
    }

    @Test
    void says_no_active_connections_found_when_the_list_is_empty() {
        GetActiveConnections.Reply empty = new GetActiveConnections.Reply(List.of(), 0, false);
        assertThat(GetActiveConnections.summary(empty)).isEqualTo("No active connections found.");
    }
}
