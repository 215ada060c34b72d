package io.aihelpdesk.tools.postgres.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GetSessionInfoTest {
    @Test
    void shows_locks_held_and_awaited_and_who_blocks_whom() throws Exception {
        TestPostgres.exec("create table session_probe(id int)");
        try (Backend waiter = Backend.open("session_probe_waiter");
             Backend holder = Backend.open("session_probe_holder")
                     .inTransaction("lock table session_probe in access exclusive mode")) {
            CompletableFuture<Void> blocked = waiter.runBlocked("select count(*) from session_probe");
            waiter.awaitLockWait();

            Map<String, Object> held = TestPostgres.data("get_session_info", Map.of("pid", holder.pid));
            assertThat(session(held)).containsEntry("state", "idle in transaction")
                    .containsEntry("application_name", "session_probe_holder")
                    .containsEntry("blocking", List.of(waiter.pid));
            assertThat(Backend.list(held, "locks")).anySatisfy(l -> assertThat(l)
                    .containsEntry("relation", "session_probe").containsEntry("mode", "AccessExclusiveLock")
                    .containsEntry("granted", true));

            Map<String, Object> waiting = TestPostgres.data("get_session_info", Map.of("pid", waiter.pid));
            assertThat(session(waiting)).containsEntry("wait_event_type", "Lock")
                    .containsEntry("blocked_by", List.of(holder.pid));
            assertThat(Backend.list(waiting, "locks")).anySatisfy(l -> assertThat(l)
                    .containsEntry("relation", "session_probe").containsEntry("mode", "AccessShareLock")
                    .containsEntry("granted", false));
            assertThat(TestPostgres.call("get_session_info", Map.of("pid", waiter.pid)).text())
                    .contains("blocked by [" + holder.pid + "]");

            holder.connection.rollback();
            blocked.get();
        } finally {
            TestPostgres.exec("drop table session_probe");
        }
    }

    @Test
    void fails_with_session_not_found_for_a_pid_that_does_not_exist() {
        Outcome o = TestPostgres.call("get_session_info", Map.of("pid", 2_000_000_000));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("session_not_found");
        assertThat(o.text()).contains("no backend with pid 2000000000");
    }

    @Test
    void rejects_a_missing_or_non_positive_pid_before_touching_the_database() {
        assertThat(TestPostgres.call("get_session_info", Map.of())).isInstanceOf(Outcome.Invalid.class);
        assertThat(TestPostgres.call("get_session_info", Map.of("pid", 0))).isInstanceOf(Outcome.Invalid.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> session(Map<String, Object> data) {
        return (Map<String, Object>) data.get("session");
    }
}
