package io.aihelpdesk.tools.postgres.locks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GetLockInfoTest {
    @Test
    void reports_a_held_lock_as_a_blocking_pair() throws Exception {
        TestPostgres.exec("create table lock_probe(id int primary key)", "insert into lock_probe values (1)");
        try (Connection holder = TestPostgres.admin(); Connection waiter = TestPostgres.admin()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("update lock_probe set id = 1 where id = 1");
            }
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement s = waiter.createStatement()) {
                    s.execute("update lock_probe set id = 1 where id = 1");
                } catch (Exception ignored) {
                    // cancelled when the holder rolls back or the test ends
                }
            }, TestPostgres.OWN_THREAD);
            Map<String, Object> data = awaitPairs();
            List<Map<String, Object>> pairs = pairs(data);
            assertThat(pairs).anySatisfy(p -> {
                assertThat(p.get("blocking_state")).isEqualTo("idle in transaction");
                assertThat((String) p.get("blocked_query")).contains("update lock_probe");
                assertThat(p.get("blocked_mode")).isEqualTo("ShareLock");
            });
            holder.rollback();
            blocked.get();
        } finally {
            TestPostgres.exec("drop table lock_probe");
        }
        assertThat(TestPostgres.data("get_lock_info", Map.of()).get("count")).isEqualTo(0);
    }

    private static Map<String, Object> awaitPairs() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Map<String, Object> data = TestPostgres.data("get_lock_info", Map.of());
            if (!pairs(data).isEmpty()) {
                return data;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no blocking pair appeared");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pairs(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("blocking_pairs");
    }
}
