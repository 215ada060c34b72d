package io.aihelpdesk.tools.postgres.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.remediation.RemediationFixture;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplicationRemediationTest {
    static RemediationFixture fx;

    @BeforeAll
    static void start() {
        fx = new RemediationFixture(TestPostgres.connectionString(), null);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static boolean slotExists(String name) throws Exception {
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_replication_slots where slot_name = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    @Test
    void drop_replication_slot_previews_the_retained_wal_then_drops_and_verifies() throws Exception {
        TestPostgres.exec("select pg_create_physical_replication_slot('remedy_slot', true)");
        try {
            Map<String, Object> preview = fx.ok("drop_replication_slot", Map.of("slot_name", "remedy_slot", "dry_run", true));
            assertThat(preview).containsEntry("dry_run", true).containsEntry("reversible", false);
            assertThat(asMap(preview.get("slot"))).containsEntry("slot_name", "remedy_slot").containsEntry("active", false);
            assertThat(((Outcome.Succeeded) fx.call("drop_replication_slot", Map.of("slot_name", "remedy_slot", "dry_run", true)))
                    .text()).startsWith("Dry run: would drop inactive physical slot 'remedy_slot' retaining ");
            assertThat(slotExists("remedy_slot")).isTrue();

            Map<String, Object> done = fx.ok("drop_replication_slot", Map.of("slot_name", "remedy_slot"));
            assertThat(done).containsEntry("verified", true)
                    .containsEntry("evidence", "slot 'remedy_slot' is no longer in pg_replication_slots");
            assertThat(slotExists("remedy_slot")).isFalse();
        } finally {
            TestPostgres.exec("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = 'remedy_slot'");
        }
    }

    @Test
    void refuses_to_drop_an_active_slot() throws Exception {
        // A temporary slot is held (active) by the session that created it, for as long as it lives.
        try (Connection holder = TestPostgres.admin(); Statement s = holder.createStatement()) {
            s.execute("select pg_create_physical_replication_slot('remedy_active_slot', true, true)");
            int pid;
            try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            Outcome.Failed f = fx.failed("drop_replication_slot", Map.of("slot_name", "remedy_active_slot"));
            assertThat(f.diagnosis().code()).isEqualTo("slot_active");
            assertThat(f.diagnosis().message()).isEqualTo("replication slot 'remedy_active_slot' is active (consumer pid "
                    + pid + "); dropping it would break that replication stream");
            assertThat(slotExists("remedy_active_slot")).isTrue();
        }
    }

    @Test
    void names_the_existing_slots_when_the_slot_is_unknown() {
        Outcome.Failed f = fx.failed("drop_replication_slot", Map.of("slot_name", "no_such_slot"));
        assertThat(f.diagnosis().code()).isEqualTo("slot_not_found");
        assertThat(f.diagnosis().message()).isEqualTo("no replication slot named 'no_such_slot'");
    }

    @Test
    void wal_replay_tools_refuse_on_a_primary_and_say_why() {
        for (String tool : new String[] {"pause_wal_replay", "resume_wal_replay"}) {
            Outcome.Failed f = fx.failed(tool, Map.of());
            assertThat(f.diagnosis().code()).isEqualTo("not_a_standby");
            assertThat(f.diagnosis().message()).endsWith("is a primary (pg_is_in_recovery() = false): only a standby replays WAL, "
                    + "so there is no replay to " + (tool.startsWith("pause") ? "pause" : "resume"));
        }
        assertThat(fx.journal().list("", 10)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
