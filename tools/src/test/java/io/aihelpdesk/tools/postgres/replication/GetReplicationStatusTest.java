package io.aihelpdesk.tools.postgres.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

class GetReplicationStatusTest {
    @Test
    void reports_a_primary_with_a_streaming_standby_and_its_active_slot() throws Exception {
        TestPostgres.exec("select pg_create_physical_replication_slot('status_probe_slot', true)");
        try (Connection walsender = replicationConnection("status_probe_standby");
             PGReplicationStream stream = walsender.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                     .physical().withSlotName("status_probe_slot").withStartPosition(currentLsn()).start()) {
            Map<String, Object> data = awaitStandby();
            assertThat(data).containsEntry("role", "primary").containsEntry("recovery", null);
            assertThat((String) data.get("current_wal_lsn")).contains("/");
            Map<String, Object> standby = standbys(data).get(0);
            assertThat(standby).containsEntry("application_name", "status_probe_standby")
                    .containsEntry("sync_state", "async").containsEntry("user", "postgres");
            assertThat(GetReplicationSlotsTest.slot(data, "status_probe_slot")).containsEntry("active", true);
            assertThat(TestPostgres.call("get_replication_status", Map.of()).text()).startsWith("primary with 1 standby;");
            assertThat(stream.isClosed()).isFalse();
        } finally {
            TestPostgres.exec("select pg_drop_replication_slot('status_probe_slot')");
        }
    }

    @Test
    void reports_a_primary_without_standbys() {
        Map<String, Object> data = TestPostgres.data("get_replication_status", Map.of());
        assertThat(data).containsEntry("role", "primary").containsEntry("standbys", List.of());
        assertThat(TestPostgres.call("get_replication_status", Map.of()).text()).startsWith("primary with 0 standbys");
    }

    @Test
    void says_when_replay_is_paused_on_a_standby() {
        GetReplicationStatus.Recovery paused = new GetReplicationStatus.Recovery("0/5000000", "0/4000000", 16_777_216L,
                42.4, true, "paused", "streaming", "primary.internal", 5432);
        assertThat(GetReplicationStatus.standbySummary(paused)).isEqualTo("standby, replay lag 16777216 bytes, last "
                + "replayed transaction 42 s ago; WARNING: WAL replay is PAUSED — resume with pg_wal_replay_resume();"
                + " receiver streaming");
    }

    private static Connection replicationConnection(String applicationName) throws Exception {
        Properties props = new Properties();
        PGProperty.USER.set(props, "postgres");
        PGProperty.REPLICATION.set(props, "true");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "13");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PGProperty.APPLICATION_NAME.set(props, applicationName);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/postgres",
                props);
    }

    /** The flushed position: a walsender refuses to start past it (the insert position can be ahead). */
    private static LogSequenceNumber currentLsn() throws Exception {
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_current_wal_flush_lsn()")) {
            rs.next();
            return LogSequenceNumber.valueOf(rs.getString(1));
        }
    }

    private static Map<String, Object> awaitStandby() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Map<String, Object> data = TestPostgres.data("get_replication_status", Map.of());
            if (!standbys(data).isEmpty()) {
                return data;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the walsender never showed up in pg_stat_replication");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> standbys(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("standbys");
    }
}
