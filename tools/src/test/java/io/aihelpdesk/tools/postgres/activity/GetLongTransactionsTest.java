package io.aihelpdesk.tools.postgres.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetLongTransactionsTest {
    @Test
    void reports_idle_in_transaction_session_as_long_transaction() throws Exception {
        TestPostgres.exec("create table longtx_probe(id int)");
        try (Backend b = Backend.open("longtx_probe").inTransaction("insert into longtx_probe values (42)")) {
            Thread.sleep(1100);
            Map<String, Object> data = TestPostgres.data("get_long_transactions", Map.of("min_seconds", 1));
            Map<String, Object> tx = Backend.byPid(Backend.list(data, "transactions"), b.pid);
            assertThat(tx).containsEntry("state", "idle in transaction").containsEntry("application_name", "longtx_probe")
                    .containsEntry("query", "insert into longtx_probe values (42)");
            assertThat(((Number) tx.get("xact_seconds")).doubleValue()).isGreaterThanOrEqualTo(1.0);
            assertThat(tx.get("backend_xid")).isNotNull();
            assertThat(((Number) tx.get("xid_age")).intValue()).isGreaterThanOrEqualTo(1);
            assertThat(TestPostgres.call("get_long_transactions", Map.of("min_seconds", 0)).text())
                    .contains("idle in transaction");

            List<Map<String, Object>> none = Backend.list(
                    TestPostgres.data("get_long_transactions", Map.of("min_seconds", 3600)), "transactions");
            assertThat(none).noneMatch(r -> ((Number) r.get("pid")).intValue() == b.pid);
        } finally {
            TestPostgres.exec("drop table longtx_probe");
        }
    }

    @Test
    void defaults_to_a_60_second_threshold() {
        assertThat(TestPostgres.data("get_long_transactions", Map.of()).get("min_seconds")).isEqualTo(60);
    }
}
