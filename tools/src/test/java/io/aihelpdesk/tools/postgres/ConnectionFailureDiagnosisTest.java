package io.aihelpdesk.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a connection fails becomes a diagnosis with its SQLState and advice, within the
 * connect timeout, and never shows the password. Uses a second real server with password
 * authentication for the roles under test.
 */
class ConnectionFailureDiagnosisTest {
    private static final String PASSWORD = "S3cret-pw!";
    private static EmbeddedPostgres secured;

    @BeforeAll
    static void startServerWithPasswordAuth() throws Exception {
        secured = TestPostgres.start(EmbeddedPostgres.builder());
        try (Connection c = secured.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create role app login password '" + PASSWORD + "'");
            s.execute("create role limited login password '" + PASSWORD + "' connection limit 0");
            try (ResultSet rs = s.executeQuery("show hba_file")) {
                rs.next();
                Files.writeString(Path.of(rs.getString(1)), String.join("\n",
                        "local all all trust",
                        "host all postgres 127.0.0.1/32 trust",
                        "host all postgres ::1/128 trust",
                        "host all all 127.0.0.1/32 scram-sha-256",
                        "host all all ::1/128 scram-sha-256", ""));
            }
            s.execute("select pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        secured.close();
    }

    private static Outcome.Failed fails(String connectionString) {
        Outcome o = TestPostgres.call("check_connection", Map.of("connection_string", connectionString));
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Failed.class);
        assertThat(o.text()).doesNotContain(PASSWORD);
        return (Outcome.Failed) o;
    }

    private static String at(String rest) {
        return "host=127.0.0.1 port=" + secured.getPort() + " " + rest;
    }

    @Test
    void wrong_password_is_an_authentication_failure() {
        Outcome.Failed f = fails(at("dbname=postgres user=app password=wrong-" + PASSWORD));
        assertThat(f.diagnosis().code()).isEqualTo("auth_failed");
        assertThat(f.diagnosis().sqlState()).isEqualTo("28P01");
        assertThat(f.text()).contains("password authentication failed for user \"app\"");
    }

    @Test
    void right_password_connects() {
        Outcome o = TestPostgres.call("check_connection", Map.of("connection_string", at("dbname=postgres user=app password='" + PASSWORD + "'")));
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(((Outcome.Succeeded) o).data().get("user")).isEqualTo("app");
    }

    @Test
    void missing_database_is_named() {
        Outcome.Failed f = fails(at("dbname=no_such_db user=postgres"));
        assertThat(f.diagnosis().code()).isEqualTo("database_not_found");
        assertThat(f.diagnosis().sqlState()).isEqualTo("3D000");
        assertThat(f.text()).contains("database \"no_such_db\" does not exist");
    }

    @Test
    void unknown_role_is_named() {
        Outcome.Failed f = fails("host=127.0.0.1 port=" + TestPostgres.server().getPort() + " dbname=postgres user=ghost");
        assertThat(f.diagnosis().code()).isEqualTo("role_not_found");
        assertThat(f.diagnosis().sqlState()).isEqualTo("28000");
    }

    @Test
    void connection_limit_is_too_many_clients() {
        Outcome.Failed f = fails(at("dbname=postgres user=limited password='" + PASSWORD + "'"));
        assertThat(f.diagnosis().code()).isEqualTo("too_many_connections");
        assertThat(f.diagnosis().sqlState()).isEqualTo("53300");
        assertThat(f.diagnosis().hint()).contains("get_connection_stats");
    }

    @Test
    void closed_port_is_connection_refused_at_once() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Outcome.Failed f = fails("host=127.0.0.1 port=" + port + " dbname=x user=y password=" + PASSWORD);
        assertThat(f.diagnosis().code()).isEqualTo("connection_refused");
        assertThat(f.text()).contains("connection refused by 127.0.0.1:" + port).doesNotContain(PASSWORD);
        assertThat(f.durationMs()).isLessThan(10_000);
    }

    @Test
    void unknown_host_is_a_name_resolution_failure() {
        Outcome.Failed f = fails("host=no-such-host.invalid dbname=x user=y");
        assertThat(f.diagnosis().code()).isEqualTo("host_unknown");
    }

    @Test
    void silent_server_times_out_within_the_connect_timeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Outcome.Failed f = fails("host=127.0.0.1 port=" + silent.getLocalPort() + " dbname=x user=y connect_timeout=2");
            assertThat(f.diagnosis().code()).isEqualTo("connect_timeout");
            assertThat(f.durationMs()).isBetween(1_500L, 10_000L);
        }
    }
}
