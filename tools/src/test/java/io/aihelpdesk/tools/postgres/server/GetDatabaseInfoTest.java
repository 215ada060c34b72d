package io.aihelpdesk.tools.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetDatabaseInfoTest {
    @Test
    void lists_a_new_database_with_owner_encoding_and_connection_limit_but_no_templates() {
        TestPostgres.exec("create role dbinfo_owner", "create database dbinfo_probe owner dbinfo_owner"
                + " encoding 'UTF8' template template0 connection limit 7");
        try {
            Map<String, Object> data = TestPostgres.data("get_database_info", Map.of());
            List<Map<String, Object>> dbs = databases(data);
            assertThat(dbs).extracting(d -> d.get("name")).contains("postgres", "dbinfo_probe")
                    .doesNotContain("template0", "template1");
            Map<String, Object> probe = dbs.stream().filter(d -> d.get("name").equals("dbinfo_probe")).findFirst()
                    .orElseThrow();
            assertThat(probe.get("owner")).isEqualTo("dbinfo_owner");
            assertThat(probe.get("encoding")).isEqualTo("UTF8");
            assertThat(probe.get("connection_limit")).isEqualTo(7);
            assertThat(((Number) probe.get("size_bytes")).longValue()).isPositive();
            List<Long> sizes = dbs.stream().map(d -> ((Number) d.get("size_bytes")).longValue()).toList();
            assertThat(sizes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        } finally {
            TestPostgres.exec("drop database dbinfo_probe", "drop role dbinfo_owner");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> databases(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("databases");
    }
}
