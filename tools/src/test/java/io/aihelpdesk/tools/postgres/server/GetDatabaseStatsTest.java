package io.aihelpdesk.tools.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetDatabaseStatsTest {
    @Test
    void counts_rows_inserted_and_deleted_by_a_workload() throws Exception {
        long inserted = stat("tup_inserted");
        long deleted = stat("tup_deleted");
        // the table outlives the workload session: counters of a relation dropped before its stats are
        // flushed never reach pg_stat_database
        TestPostgres.exec("create table dbstats_probe(id int)", "insert into dbstats_probe select generate_series(1, 250)",
                "delete from dbstats_probe where id <= 100");
        try {
            for (int i = 0; i < 100 && (stat("tup_inserted") < inserted + 250 || stat("tup_deleted") < deleted + 100); i++) {
                Thread.sleep(100); // statistics are flushed by backends at most once a second
            }
            assertThat(stat("tup_inserted")).isGreaterThanOrEqualTo(inserted + 250);
            assertThat(stat("tup_deleted")).isGreaterThanOrEqualTo(deleted + 100);
        } finally {
            TestPostgres.exec("drop table dbstats_probe");
        }
        Map<String, Object> postgres = row();
        assertThat(((Number) postgres.get("numbackends")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) postgres.get("cache_hit_ratio")).doubleValue()).isBetween(0.0, 100.0);
    }

    @Test
    void flags_a_database_whose_cache_hit_ratio_is_below_99_percent() {
        GetDatabaseStats.DatabaseStats cold = stats("cold", 900, 100);
        GetDatabaseStats.DatabaseStats warm = stats("warm", 10, 99_990);
        List<GetDatabaseStats.DatabaseStats> all = List.of(warm, cold);
        GetDatabaseStats.Reply reply = new GetDatabaseStats.Reply(all, 2, GetDatabaseStats.lowHitRatio(all));
        assertThat(reply.lowCacheHitRatio()).containsExactly("cold");
        assertThat(GetDatabaseStats.summary(reply)).contains("WARNING: cache hit ratio below 99% in cold (10.0%)")
                .doesNotContain("warm (");
    }

    private static GetDatabaseStats.DatabaseStats stats(String name, long read, long hit) {
        double ratio = Math.round(10000.0 * hit / (hit + read)) / 100.0;
        return new GetDatabaseStats.DatabaseStats(name, 1, 10, 0, read, hit, ratio, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    private static long stat(String column) {
        return ((Number) row().get(column)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row() {
        List<Map<String, Object>> dbs = (List<Map<String, Object>>) TestPostgres.data("get_database_stats", Map.of())
                .get("databases");
        return dbs.stream().filter(d -> "postgres".equals(d.get("database"))).findFirst().orElseThrow();
    }
}
