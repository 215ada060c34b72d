package io.aihelpdesk.tools.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.remediation.RemediationFixture;
import io.aihelpdesk.tools.rollback.RollbackEntry;
import io.aihelpdesk.tools.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs on a server of its own: ALTER SYSTEM changes must not leak into the other tests' server. */
class SettingRemediationTest {
    static EmbeddedPostgres pg;
    static RemediationFixture fx;

    @BeforeAll
    static void start() {
        pg = TestPostgres.start(EmbeddedPostgres.builder());
        fx = new RemediationFixture(TestPostgres.connectionString(pg), null);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
        pg.close();
    }

    /** What ALTER SYSTEM holds for a setting (postgresql.auto.conf), read independently of the tools. */
    static String autoConf(String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select setting from pg_file_settings where name = '" + name
                     + "' and sourcefile like '%postgresql.auto.conf' order by seqno desc limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The setting a fresh session gets. */
    static String fresh(String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void set_pg_setting_previews_applies_verifies_and_rolls_back_to_the_previous_value() throws Exception {
        String original = fresh("work_mem");
        Map<String, Object> preview = fx.ok("set_pg_setting", Map.of("name", "work_mem", "value", "64MB", "dry_run", true));
        assertThat(preview).containsEntry("statement", "ALTER SYSTEM SET work_mem = '64MB'").containsEntry("expected", "65536")
                .containsEntry("restart_required", false).containsEntry("rollback_id", null);
        assertThat(autoConf("work_mem")).isNull();

        Map<String, Object> done = fx.ok("set_pg_setting", Map.of("name", "work_mem", "value", "64MB"));
        assertThat(done).containsEntry("verified", true);
        assertThat((String) done.get("evidence")).startsWith("work_mem reset_val 65536 kB").endsWith("matches the new value");
        assertThat(autoConf("work_mem")).isEqualTo("64MB");
        assertThat(fresh("work_mem")).isEqualTo("64MB");
        String id = (String) done.get("rollback_id");
        RollbackEntry entry = fx.journal().find(id).orElseThrow();
        assertThat(entry.inverseTool()).isEqualTo("reset_pg_setting");
        assertThat(entry.inverseArguments()).containsEntry("name", "work_mem")
                .containsEntry("connection_string", TestPostgres.connectionString(pg));
        assertThat(entry.preState()).containsEntry("value_in_force", original).containsEntry("alter_system_value", null);

        // A second change on top: its rollback must restore 64MB, not the default.
        Map<String, Object> second = fx.ok("set_pg_setting", Map.of("name", "work_mem", "value", "128MB"));
        RollbackEntry secondEntry = fx.journal().find((String) second.get("rollback_id")).orElseThrow();
        assertThat(secondEntry.inverseTool()).isEqualTo("set_pg_setting");
        assertThat(secondEntry.inverseArguments()).containsEntry("value", "64MB");

        Map<String, Object> undone = fx.ok("rollback_action", Map.of("action_id", secondEntry.actionId()));
        assertThat(undone).containsEntry("inverse_outcome", "succeeded").containsEntry("verified", true);
        assertThat(autoConf("work_mem")).isEqualTo("64MB");
        assertThat(fx.journal().find(secondEntry.actionId()).orElseThrow().status()).isEqualTo(RollbackEntry.ROLLED_BACK);

        Outcome.Failed again = fx.failed("rollback_action", Map.of("action_id", secondEntry.actionId()));
        assertThat(again.diagnosis().code()).isEqualTo("rollback_unavailable");

        fx.ok("rollback_action", Map.of("action_id", id));
        assertThat(autoConf("work_mem")).isNull();
        assertThat(fresh("work_mem")).isEqualTo(original);
    }

    @Test
    void refuses_a_restart_only_setting_unless_allowed_and_then_says_a_restart_is_needed() throws Exception {
        Outcome.Failed refused = fx.failed("set_pg_setting", Map.of("name", "max_wal_senders", "value", "7"));
        assertThat(refused.diagnosis().code()).isEqualTo("restart_required");
        assertThat(refused.diagnosis().message()).isEqualTo("max_wal_senders only changes when the server restarts "
                + "(context postmaster): ALTER SYSTEM would record the value but a reload does not apply it");
        assertThat(autoConf("max_wal_senders")).isNull();

        Outcome o = fx.call("set_pg_setting", Map.of("name", "max_wal_senders", "value", "7", "allow_restart_required", true));
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        Map<String, Object> done = ((Outcome.Succeeded) o).data();
        try {
            assertThat(done).containsEntry("restart_required", true).containsEntry("verified", true);
            assertThat(o.text()).contains("takes effect only after a server RESTART");
            assertThat(autoConf("max_wal_senders")).isEqualTo("7");
        } finally {
            Map<String, Object> reset = fx.ok("reset_pg_setting", Map.of("name", "max_wal_senders", "allow_restart_required", true));
            assertThat(reset).containsEntry("verified", true);
        }
        assertThat(autoConf("max_wal_senders")).isNull();
    }

    @Test
    void validates_names_and_values_with_the_server_and_never_splices_the_value() throws Exception {
        Outcome.Failed unknown = fx.failed("set_pg_setting", Map.of("name", "work_memory", "value", "1MB"));
        assertThat(unknown.diagnosis().code()).isEqualTo("unknown_setting");
        assertThat(unknown.diagnosis().hint()).contains("work_mem");

        Outcome.Failed bad = fx.failed("set_pg_setting", Map.of("name", "work_mem", "value", "lots"));
        assertThat(bad.diagnosis().code()).isEqualTo("invalid_value");
        assertThat(bad.diagnosis().message()).startsWith("the server rejects work_mem = 'lots': ");

        Outcome.Failed injected = fx.failed("set_pg_setting", Map.of("name", "log_checkpoints",
                "value", "on'; alter system set work_mem = '1GB"));
        assertThat(injected.diagnosis().code()).isEqualTo("invalid_value");
        assertThat(autoConf("work_mem")).isNull();
        assertThat(autoConf("log_checkpoints")).isNull();
    }

    @Test
    void a_backend_setting_is_verified_by_what_new_sessions_get() throws Exception {
        Map<String, Object> done = fx.ok("set_pg_setting", Map.of("name", "log_connections", "value", "on"));
        try {
            assertThat(done).containsEntry("verified", true);
            assertThat((String) done.get("evidence")).startsWith("postgresql.auto.conf holds 'on'; sessions that connect from now on get it");
            assertThat(fresh("log_connections")).isEqualTo("on");
        } finally {
            fx.ok("rollback_action", Map.of("action_id", done.get("rollback_id")));
        }
        assertThat(autoConf("log_connections")).isNull();
    }

    @Test
    void reset_pg_setting_removes_the_alter_system_value_and_records_it_for_rollback() throws Exception {
        fx.ok("set_pg_setting", Map.of("name", "log_checkpoints", "value", "off"));
        Map<String, Object> preview = fx.ok("reset_pg_setting", Map.of("name", "log_checkpoints", "dry_run", true));
        assertThat(preview).containsEntry("statement", "ALTER SYSTEM RESET log_checkpoints");
        assertThat(autoConf("log_checkpoints")).isEqualTo("off");

        Map<String, Object> done = fx.ok("reset_pg_setting", Map.of("name", "log_checkpoints"));
        assertThat(done).containsEntry("verified", true);
        assertThat(autoConf("log_checkpoints")).isNull();
        RollbackEntry entry = fx.journal().find((String) done.get("rollback_id")).orElseThrow();
        assertThat(entry.inverseTool()).isEqualTo("set_pg_setting");
        assertThat(entry.inverseArguments()).containsEntry("value", "off");

        Map<String, Object> nothing = fx.ok("reset_pg_setting", Map.of("name", "log_checkpoints"));
        assertThat((String) nothing.get("evidence")).isEqualTo("ALTER SYSTEM holds no value for log_checkpoints; nothing to reset");
    }

    @Test
    void reload_config_shows_pending_problems_and_verifies_the_load_time_moved() throws Exception {
        // The embedded server starts with -c max_connections=60 over postgresql.conf's 100: a real problem line.
        Map<String, Object> preview = fx.ok("reload_config", Map.of("dry_run", true));
        assertThat(preview).containsEntry("dry_run", true).containsEntry("verified", null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) preview.get("problems");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name, error from pg_file_settings where error is not null order by seqno")) {
            for (Map<String, Object> p : problems) {
                assertThat(rs.next()).isTrue();
                assertThat(p).containsEntry("name", rs.getString(1)).containsEntry("error", rs.getString(2));
            }
            assertThat(rs.next()).isFalse();
        }
        assertThat(problems).extracting(p -> p.get("name")).contains("max_connections");
        Map<String, Object> done = fx.ok("reload_config", Map.of());
        assertThat(done).containsEntry("verified", true);
        assertThat((String) done.get("evidence")).startsWith("pg_conf_load_time moved from ");
    }
}
