package io.aihelpdesk.tools.postgres.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetCheckpointStatsTest {
    @Test
    void counts_a_manual_checkpoint_as_requested_and_reports_settings() throws Exception {
        long before = requested(TestPostgres.data("get_checkpoint_stats", Map.of()));
        TestPostgres.exec("checkpoint");
        Map<String, Object> data = null;
        for (int i = 0; i < 100 && (data == null || requested(data) <= before); i++) {
            Thread.sleep(100);
            data = TestPostgres.data("get_checkpoint_stats", Map.of());
        }
        assertThat(requested(data)).isGreaterThan(before);
        assertThat(data.get("checkpoint_timeout")).isEqualTo("5min");
        assertThat((String) data.get("max_wal_size")).isNotBlank();
        long timed = ((Number) data.get("checkpoints_timed")).longValue();
        assertThat(data.get("requested_exceeds_timed")).isEqualTo(requested(data) > timed);
        if (requested(data) > timed) {
            assertThat((String) data.get("advice")).contains("max_wal_size");
        }
        assertThat((Double) data.get("requested_pct")).isGreaterThan(0.0);
        // The default test server is PostgreSQL 17: counters come from pg_stat_checkpointer and
        // buffers_backend no longer exists.
        assertThat(data.get("source")).isEqualTo("pg_stat_checkpointer");
        assertThat(data).containsEntry("buffers_backend", null);
        assertThat(((Number) data.get("buffers_alloc")).longValue()).isGreaterThan(0);
    }

    private static long requested(Map<String, Object> data) {
        return ((Number) data.get("checkpoints_requested")).longValue();
    }
}
