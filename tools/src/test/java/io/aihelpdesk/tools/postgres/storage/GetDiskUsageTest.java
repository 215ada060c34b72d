package io.aihelpdesk.tools.postgres.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetDiskUsageTest {
    @Test
    void reports_database_sizes_largest_relations_and_wal_size_for_a_superuser() {
        TestPostgres.exec("create table du_big(id int primary key, pad text)",
                "insert into du_big select g, repeat('x', 200) from generate_series(1, 20000) g");
        try {
            Map<String, Object> data = TestPostgres.data("get_disk_usage", Map.of());
            assertThat(list(data, "databases")).anySatisfy(d -> {
                assertThat(d.get("database")).isEqualTo("postgres");
                assertThat(((Number) d.get("bytes")).longValue()).isGreaterThan(4_000_000L);
            });
            assertThat(list(data, "top_tables")).anySatisfy(t -> {
                assertThat(t.get("name")).isEqualTo("du_big");
                assertThat(((Number) t.get("bytes")).longValue()).isGreaterThan(4_000_000L);
            });
            assertThat(list(data, "top_indexes")).anySatisfy(i -> {
                assertThat(i.get("name")).isEqualTo("du_big_pkey");
                assertThat(i.get("table_name")).isEqualTo("du_big");
            });
            assertThat(((Number) data.get("wal_bytes")).longValue()).isGreaterThan(0);
            assertThat(((Number) data.get("wal_files")).longValue()).isGreaterThanOrEqualTo(1);
            assertThat(data.get("note")).isNull();
        } finally {
            TestPostgres.exec("drop table du_big");
        }
    }

    @Test
    void reports_null_wal_size_with_a_note_for_a_role_without_pg_monitor() {
        TestPostgres.exec("create role du_plain login");
        try {
            String conn = TestPostgres.connectionString().replace("user=postgres", "user=du_plain");
            Map<String, Object> data = TestPostgres.data("get_disk_usage", Map.of("connection_string", conn));
            assertThat(data.get("wal_bytes")).isNull();
            assertThat(data.get("wal_files")).isNull();
            assertThat((String) data.get("note")).contains("pg_monitor");
            assertThat(list(data, "databases")).isNotEmpty();
        } finally {
            TestPostgres.exec("select pg_terminate_backend(pid) from pg_stat_activity where usename = 'du_plain'",
                    "drop role du_plain");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> data, String key) {
        return (List<Map<String, Object>>) data.get(key);
    }
}
