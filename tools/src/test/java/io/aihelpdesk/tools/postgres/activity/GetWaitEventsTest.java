package io.aihelpdesk.tools.postgres.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GetWaitEventsTest {
    @Test
    @SuppressWarnings("unchecked")
    void counts_a_session_waiting_on_a_relation_lock_with_its_pid() throws Exception {
        TestPostgres.exec("create table wait_probe(id int)");
        try (Backend waiter = Backend.open("wait_probe_waiter");
             Backend holder = Backend.open("wait_probe_holder")
                     .inTransaction("lock table wait_probe in access exclusive mode")) {
            CompletableFuture<Void> blocked = waiter.runBlocked("select count(*) from wait_probe");
            waiter.awaitLockWait();

            // The holder shows ClientRead only once its backend is back in its read wait after answering;
            // on a loaded machine that can lag the client, so sample until it does (bounded).
            Map<String, Object> data = TestPostgres.data("get_wait_events", Map.of());
            for (int i = 0; i < 50 && !Backend.list(data, "wait_events").toString().contains("ClientRead"); i++) {
                Thread.sleep(100);
                data = TestPostgres.data("get_wait_events", Map.of());
            }
            List<Map<String, Object>> events = Backend.list(data, "wait_events");
            assertThat(events).anySatisfy(e -> {
                assertThat(e).containsEntry("wait_event_type", "Lock").containsEntry("wait_event", "relation");
                assertThat((List<Object>) e.get("example_pids")).contains((Object) waiter.pid);
            });
            // the holder is idle in transaction: waiting for its client to send the next command
            assertThat(events).anySatisfy(e -> {
                assertThat(e).containsEntry("wait_event_type", "Client").containsEntry("wait_event", "ClientRead");
                assertThat((List<Object>) e.get("example_pids")).contains((Object) holder.pid);
            });
            assertThat(((Number) data.get("waiting_sessions")).longValue()).isGreaterThanOrEqualTo(2);

            holder.connection.rollback();
            blocked.get();
        } finally {
            TestPostgres.exec("drop table wait_probe");
        }
    }
}
