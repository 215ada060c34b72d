package io.aihelpdesk.tools.postgres.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetReplicationSlotsTest {
    @Test
    void flags_an_inactive_physical_slot_that_retains_wal() {
        TestPostgres.exec("select pg_create_physical_replication_slot('probe_slot', true)",
                "create table slot_probe as select generate_series(1, 1000) as id");
        try {
            Map<String, Object> data = TestPostgres.data("get_replication_slots", Map.of());
            Map<String, Object> slot = slot(data, "probe_slot");
            assertThat(slot).containsEntry("slot_type", "physical").containsEntry("active", false)
                    .containsEntry("active_pid", null).containsEntry("wal_status", "reserved")
                    .containsEntry("plugin", null);
            assertThat(((Number) slot.get("retained_wal_bytes")).longValue()).isPositive();
            assertThat(slot.get("restart_lsn")).isNotNull();
            assertThat(String.valueOf(data.get("inactive_retaining_wal"))).contains("probe_slot");
            assertThat(TestPostgres.call("get_replication_slots", Map.of()).text())
                    .contains("WARNING: inactive slot probe_slot retains ");
        } finally {
            TestPostgres.exec("select pg_drop_replication_slot('probe_slot')", "drop table slot_probe");
        }
        assertThat(TestPostgres.call("get_replication_slots", Map.of()).text()).startsWith("No replication slots.");
    }

    @Test
    void does_not_flag_a_slot_that_has_reserved_no_wal() {
        TestPostgres.exec("select pg_create_physical_replication_slot('unreserved_probe_slot')");
        try {
            Map<String, Object> data = TestPostgres.data("get_replication_slots", Map.of());
            assertThat(slot(data, "unreserved_probe_slot")).containsEntry("restart_lsn", null)
                    .containsEntry("retained_wal_bytes", null);
            assertThat(String.valueOf(data.get("inactive_retaining_wal"))).doesNotContain("unreserved_probe_slot");
        } finally {
            TestPostgres.exec("select pg_drop_replication_slot('unreserved_probe_slot')");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> slot(Map<String, Object> data, String name) {
        return ((List<Map<String, Object>>) data.get("slots")).stream().filter(s -> name.equals(s.get("slot_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no slot " + name + " in " + data));
    }
}
