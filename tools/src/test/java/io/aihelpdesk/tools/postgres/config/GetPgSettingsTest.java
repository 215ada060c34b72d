package io.aihelpdesk.tools.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetPgSettingsTest {
    @Test
    void lists_settings_changed_per_database_and_on_the_command_line_but_not_defaults() {
        TestPostgres.exec("create database settings_probe", "alter database settings_probe set work_mem = '7MB'");
        try {
            Map<String, Object> data = TestPostgres.data("get_pg_settings", Map.of("connection_string",
                    "host=localhost port=" + TestPostgres.server().getPort() + " dbname=settings_probe user=postgres"));
            List<Map<String, Object>> rows = rows(data);
            assertThat(rows).filteredOn(r -> r.get("name").equals("work_mem")).singleElement().satisfies(r ->
                    assertThat(r).containsEntry("setting", "7168").containsEntry("unit", "kB")
                            .containsEntry("source", "database").containsEntry("boot_val", "4096"));
            assertThat(rows).filteredOn(r -> r.get("name").equals("max_connections")).singleElement()
                    .satisfies(r -> assertThat(r.get("setting")).isEqualTo("60"));
            assertThat(rows).extracting(r -> r.get("source")).doesNotContain("default", "override");
            assertThat(rows).extracting(r -> r.get("name")).doesNotContain("maintenance_work_mem");
        } finally {
            TestPostgres.exec("drop database settings_probe with (force)");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("settings");
    }
}
