package io.aihelpdesk.tools.postgres.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetVacuumStatusTest {
    @Test
    void lists_a_table_with_autovacuum_off_over_its_threshold_and_honours_table_reloptions() throws Exception {
        TestPostgres.exec("create table vs_bloat(id int)", "alter table vs_bloat set (autovacuum_enabled = false)",
                "insert into vs_bloat select generate_series(1, 1000)", "delete from vs_bloat where id > 100",
                "create table vs_tuned(id int) with (autovacuum_enabled = false, autovacuum_vacuum_threshold = 5000,"
                        + " autovacuum_vacuum_scale_factor = 0)",
                "insert into vs_tuned select generate_series(1, 1000)", "delete from vs_tuned where id > 100");
        try {
            Map<String, Object> bloat = awaitTable("vs_bloat");
            Map<String, Object> tuned = awaitTable("vs_tuned");
            assertThat(((Number) bloat.get("dead_tuples")).longValue()).isEqualTo(900);
            assertThat(bloat.get("autovacuum_enabled")).isEqualTo(false);
            assertThat(bloat.get("over_threshold")).isEqualTo(true);
            assertThat(bloat.get("last_autovacuum")).isNull();
            assertThat(((Number) tuned.get("autovacuum_threshold")).longValue()).isEqualTo(5000);
            assertThat(tuned.get("over_threshold")).isEqualTo(false);
        } finally {
            TestPostgres.exec("drop table vs_bloat", "drop table vs_tuned");
        }
    }

    @Test
    void reports_wraparound_age_per_database_as_percent_of_freeze_max_age() {
        Map<String, Object> data = TestPostgres.data("get_vacuum_status", Map.of());
        Map<String, Object> postgres = list(data, "databases").stream()
                .filter(d -> "postgres".equals(d.get("database"))).findFirst().orElseThrow();
        long age = ((Number) postgres.get("xid_age")).longValue();
        long max = ((Number) postgres.get("freeze_max_age")).longValue();
        assertThat(max).isEqualTo(200_000_000L);
        assertThat((Double) postgres.get("pct_of_freeze_max_age")).isCloseTo(100.0 * age / max, org.assertj.core.data.Offset.offset(0.01));
        assertThat(postgres.get("risk")).isEqualTo("ok");
        assertThat(data.get("wraparound_risk")).isEqualTo("ok");
        assertThat(data.get("running_vacuums")).isInstanceOf(List.class);
    }

    @Test
    void wraparound_risk_levels_follow_percent_and_absolute_age() {
        assertThat(GetVacuumStatus.risk(1_000L, 10.0)).isEqualTo("ok");
        assertThat(GetVacuumStatus.risk(120_000_000L, 60.0)).isEqualTo("warning");
        assertThat(GetVacuumStatus.risk(190_000_000L, 95.0)).isEqualTo("critical");
        assertThat(GetVacuumStatus.risk(1_600_000_000L, 40.0)).isEqualTo("critical");
    }

    private static Map<String, Object> awaitTable(String name) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Map<String, Object> data = TestPostgres.data("get_vacuum_status", Map.of());
            var hit = list(data, "tables").stream().filter(t -> name.equals(t.get("table_name"))
                    && ((Number) t.get("dead_tuples")).longValue() >= 900).findFirst();
            if (hit.isPresent()) {
                return hit.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " never appeared with 900 dead tuples");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> data, String key) {
        return (List<Map<String, Object>>) data.get(key);
    }
}
