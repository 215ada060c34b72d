package io.aihelpdesk.tools.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetConfigParameterTest {
    @Test
    void finds_max_connections_by_a_name_fragment() {
        List<Map<String, Object>> rows = settings(Map.of("parameter_name", "MAX_conn"));
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("max_connections");
        assertThat(rows.get(0)).containsEntry("setting", "60").containsEntry("context", "postmaster")
                .containsEntry("pending_restart", false);
        assertThat((String) rows.get(0).get("short_desc")).isNotBlank();
    }

    @Test
    void lists_the_15_key_settings_in_a_fixed_order_when_no_name_is_given() {
        List<Map<String, Object>> rows = settings(Map.of());
        assertThat(rows).extracting(r -> r.get("name")).containsExactlyElementsOf(GetConfigParameter.KEY_SETTINGS);
        assertThat(rows).hasSize(15);
        assertThat(rows).filteredOn(r -> r.get("name").equals("shared_buffers")).singleElement()
                .satisfies(r -> assertThat(r.get("unit")).isEqualTo("8kB"));
    }

    @Test
    void treats_an_injection_shaped_name_as_data() throws Exception {
        TestPostgres.exec("create table config_injection_probe(id int)");
        try {
            assertThat(settings(Map.of("parameter_name", "x'; drop table config_injection_probe; --"))).isEmpty();
            assertThat(settings(Map.of("parameter_name", "%' or '1'='1"))).isEmpty();
            try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select to_regclass('config_injection_probe') is not null")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        } finally {
            TestPostgres.exec("drop table config_injection_probe");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> settings(Map<String, Object> args) {
        return (List<Map<String, Object>>) TestPostgres.data("get_config_parameter", args).get("settings");
    }
}
