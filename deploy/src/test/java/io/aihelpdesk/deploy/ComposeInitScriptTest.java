package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/compose/initdb/01-helpdesk.sh run by psql against a real PostgreSQL, as the postgres image runs it. */
class ComposeInitScriptTest {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void runTheInitScript() throws Exception {
        Assumptions.assumeTrue(onPath("psql"), "psql (Debian postgresql-client) is not installed");
        pg = TestPostgres.start(EmbeddedPostgres.builder());
        Shell.Result r = Shell.run(List.of("bash", Shell.path(Repo.file("deploy/compose/initdb/01-helpdesk.sh"))),
                Map.of("POSTGRES_USER", "postgres", "PGHOST", "localhost", "PGPORT", String.valueOf(pg.getPort()),
                        "HELPDESK_AUDIT_PASSWORD", "audit-pw", "DEMO_DB_PASSWORD", "monitor-pw"), null, 120);
        assertThat(r.exit()).as(r.all()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void the_demo_target_has_a_monitoring_role_and_something_to_find() throws Exception {
        try (Connection c = connect("shop", "helpdesk_monitor", "monitor-pw"); Statement s = c.createStatement()) {
            assertThat(one(s, "select count(*) from orders")).isEqualTo("15000");
            assertThat(one(s, "select last_value from invoice_no")).isEqualTo("31000");
            assertThat(one(s, "select pg_has_role('helpdesk_monitor', 'pg_monitor', 'member')")).isEqualTo("t");
            assertThat(one(s, "select pg_has_role('helpdesk_monitor', 'pg_read_all_data', 'member')")).isEqualTo("t");
            assertThat(one(s, "select rolsuper from pg_roles where rolname = 'helpdesk_monitor'")).isEqualTo("f");
        }
    }

    @Test
    void the_audit_store_database_belongs_to_the_audit_role() throws Exception {
        try (Connection c = connect("helpdesk_audit", "helpdesk_audit", "audit-pw"); Statement s = c.createStatement()) {
            assertThat(one(s, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                    .isEqualTo("helpdesk_audit");
            s.execute("create table audit_probe (id int)");
            assertThat(one(s, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
        }
    }

    private static Connection connect(String db, String user, String password) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/" + db, user, password);
    }

    private static String one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
