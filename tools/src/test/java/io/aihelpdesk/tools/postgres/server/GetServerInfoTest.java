package io.aihelpdesk.tools.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetServerInfoTest {
    @Test
    void reports_version_uptime_paths_and_session_counts_for_a_superuser() throws Exception {
        String dataDirectory;
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show data_directory")) {
            rs.next();
            dataDirectory = rs.getString(1);
        }
        Map<String, Object> data = TestPostgres.data("get_server_info", Map.of());
        assertThat((String) data.get("version")).startsWith("PostgreSQL ");
        assertThat(data.get("data_directory")).isEqualTo(dataDirectory);
        assertThat((String) data.get("config_file")).endsWith("postgresql.conf");
        assertThat(data.get("max_connections")).isEqualTo(60);
        assertThat(data.get("role")).isEqualTo("primary");
        assertThat(((Number) data.get("total_sessions")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) data.get("active_sessions")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) data.get("database_size_bytes")).longValue()).isPositive();
        assertThat(data.get("started_at")).isNotNull();
        assertThat(TestPostgres.call("get_server_info", Map.of()).text()).contains(" primary, up ");
    }

    @Test
    void returns_null_paths_instead_of_failing_for_an_unprivileged_role() {
        TestPostgres.exec("create role server_info_probe login");
        try {
            Map<String, Object> data = TestPostgres.data("get_server_info", Map.of("connection_string",
                    "host=localhost port=" + TestPostgres.server().getPort() + " dbname=postgres user=server_info_probe"));
            assertThat(data.get("data_directory")).isNull();
            assertThat(data.get("config_file")).isNull();
            assertThat(data.get("database")).isEqualTo("postgres");
        } finally {
            TestPostgres.exec("select pg_terminate_backend(pid) from pg_stat_activity where usename = 'server_info_probe'",
                    "drop role server_info_probe");
        }
    }
}
