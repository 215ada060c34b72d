package io.aihelpdesk.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * pause_wal_replay / resume_wal_replay against a real streaming standby (the lab's replica), through
 * the governance pipeline, and the pause rolled back with rollback_action from a later server
 * instance: the rollback journal outlives the process that recorded it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalReplayLabTest {
    Lab lab;
    String standby;

    @BeforeAll
    void up() throws Exception {
        lab = Lab.start(Files.createTempDirectory("aihelpdesk-walreplay-"));
        // Pausing replay is the superuser's unless granted: grant it to the helpdesk role on the primary,
        // in the lab database (function privileges are per database), as a DBA would; it replicates to the standby.
        try (Connection c = lab.primary().connect(Lab.DATABASE); Statement s = c.createStatement()) {
            s.execute("grant execute on function pg_wal_replay_pause(), pg_wal_replay_resume(), "
                    + "pg_get_wal_replay_pause_state() to " + Lab.MONITOR_ROLE);
            s.execute("select pg_switch_wal()");
        }
        standby = Lab.REPLICA;
        for (int i = 0; i < 100 && !granted(); i++) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    void down() throws Exception {
        lab.close();
    }

    boolean granted() throws Exception {
        try (Connection c = lab.replica().connect(Lab.DATABASE); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select has_function_privilege('" + Lab.MONITOR_ROLE + "', 'pg_wal_replay_pause()', 'execute')")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    String replayState() throws Exception {
        try (Connection c = lab.replica().connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pg_get_wal_replay_pause_state()")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void pauses_replay_on_the_standby_verifies_it_and_rolls_it_back_with_resume() throws Exception {
        Outcome preview = LabFixture.call(lab, "pause_wal_replay", "connection_string", standby, "dry_run", true);
        assertThat(preview).as(preview.text()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(preview.text()).startsWith("Dry run: would pause WAL replay (now not paused");
        assertThat(replayState()).isEqualTo("not paused");

        Outcome paused = LabFixture.call(lab, "pause_wal_replay", "connection_string", standby);
        assertThat(paused).as(paused.text()).isInstanceOf(Outcome.Succeeded.class);
        Map<String, Object> data = ((Outcome.Succeeded) paused).data();
        assertThat(data).containsEntry("before", "not paused").containsEntry("after", "paused").containsEntry("verified", true);
        assertThat(replayState()).isEqualTo("paused");

        Outcome undone = LabFixture.call(lab, "rollback_action", "action_id", data.get("rollback_id"));
        assertThat(undone).as(undone.text()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(((Outcome.Succeeded) undone).data()).containsEntry("inverse_outcome", "succeeded").containsEntry("verified", true);
        assertThat(replayState()).isEqualTo("not paused");

        Outcome primary = LabFixture.call(lab, "pause_wal_replay", "connection_string", Lab.TARGET);
        assertThat(primary).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) primary).diagnosis().code()).isEqualTo("not_a_standby");
    }
}
