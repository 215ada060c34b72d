package io.aihelpdesk.tools.postgres.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetIndexHealthTest {
    @Test
    void reports_duplicate_unused_and_invalid_indexes_in_one_reply() {
        TestPostgres.exec("create table ih_t(id int primary key, a int, b int, c int)",
                "insert into ih_t select g, g, g, 1 from generate_series(1, 100) g",
                "create index ih_a1 on ih_t(a)", "create index ih_a2 on ih_t(a)",
                "create index ih_b_all on ih_t(b)", "create index ih_b_part on ih_t(b) where b > 50");
        assertThatThrownBy(() -> TestPostgres.exec("create unique index concurrently ih_c_bad on ih_t(c)"))
                .hasMessageContaining("could not create unique index");
        try {
            Map<String, Object> data = TestPostgres.data("get_index_health", Map.of());
            List<Map<String, Object>> duplicates = list(data, "duplicate_indexes").stream()
                    .filter(d -> "ih_t".equals(d.get("table_name"))).toList();
            assertThat(duplicates).singleElement().satisfies(d -> {
                assertThat(d.get("index_names")).isEqualTo(List.of("ih_a1", "ih_a2"));
                assertThat(((Number) d.get("total_bytes")).longValue()).isGreaterThan(0);
            });
            assertThat(names(data, "invalid_indexes")).contains("ih_c_bad");
            assertThat(names(data, "unused_indexes")).contains("ih_a1", "ih_a2", "ih_b_all").doesNotContain("ih_t_pkey");
        } finally {
            TestPostgres.exec("drop table ih_t");
        }
    }

    private static List<Object> names(Map<String, Object> data, String key) {
        return list(data, key).stream().map(i -> i.get("index_name")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> data, String key) {
        return (List<Map<String, Object>>) data.get(key);
    }
}
