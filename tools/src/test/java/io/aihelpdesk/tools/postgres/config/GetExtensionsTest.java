package io.aihelpdesk.tools.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetExtensionsTest {
    @Test
    void flags_an_extension_installed_at_an_old_version_as_updatable() throws Exception {
        TestPostgres.exec("create database extensions_probe");
        try {
            try (Connection c = TestPostgres.server().getDatabase("postgres", "extensions_probe").getConnection();
                 Statement s = c.createStatement()) {
                s.execute("create extension hstore version '1.4'");
                s.execute("create extension pg_stat_statements");
            }
            Map<String, Object> data = TestPostgres.data("get_extensions", Map.of("connection_string",
                    "host=localhost port=" + TestPostgres.server().getPort() + " dbname=extensions_probe user=postgres"));
            List<Map<String, Object>> rows = rows(data);
            assertThat(rows).filteredOn(r -> r.get("name").equals("hstore")).singleElement().satisfies(r -> {
                assertThat(r).containsEntry("installed_version", "1.4").containsEntry("update_available", true)
                        .containsEntry("schema", "public");
                assertThat((String) r.get("default_version")).isNotEqualTo("1.4");
            });
            assertThat(rows).filteredOn(r -> r.get("name").equals("pg_stat_statements")).singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("update_available", false));
            assertThat(data.get("updates_available")).isEqualTo(List.of("hstore"));
            assertThat(TestPostgres.call("get_extensions", Map.of("connection_string",
                    "host=localhost port=" + TestPostgres.server().getPort() + " dbname=extensions_probe user=postgres"))
                    .text()).contains("updates available: hstore 1.4 → ");
        } finally {
            TestPostgres.exec("drop database extensions_probe with (force)");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("extensions");
    }
}
