package io.aihelpdesk.tools.postgres.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.remediation.RemediationFixture;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionRemediationTest {
    static RemediationFixture fx;

    @BeforeAll
    static void start() {
        fx = new RemediationFixture(TestPostgres.connectionString(), null);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static boolean alive(int pid) {
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where pid = " + pid)) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cancel_query_previews_the_running_statement_then_cancels_it_and_verifies() throws Exception {
        try (Backend b = Backend.open("remedy_cancel")) {
            CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement s = b.connection.createStatement()) {
                    s.execute("select pg_sleep(60)");
                    return "completed";
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            }, TestPostgres.OWN_THREAD);
            awaitState(b.pid, "active");

            Map<String, Object> preview = fx.ok("cancel_query", Map.of("pid", b.pid, "dry_run", true));
            assertThat(preview).containsEntry("dry_run", true).containsEntry("reversible", false).containsEntry("verified", null);
            @SuppressWarnings("unchecked")
            Map<String, Object> session = (Map<String, Object>) preview.get("session");
            assertThat(session).containsEntry("pid", b.pid).containsEntry("state", "active")
                    .containsEntry("application_name", "remedy_cancel").containsEntry("query", "select pg_sleep(60)");
            assertThat(sleeping).isNotDone();

            Map<String, Object> done = fx.ok("cancel_query", Map.of("pid", b.pid));
            assertThat(sleeping.get(10, TimeUnit.SECONDS)).isEqualTo("57014"); // query_canceled
            assertThat(done).containsEntry("signalled", true).containsEntry("verified", true);
            assertThat((String) done.get("evidence")).contains("pid " + b.pid, "no longer running");
            assertThat(alive(b.pid)).isTrue(); // cancel keeps the session
        }
    }

    @Test
    void terminate_connection_ends_the_session_and_verifies_it_is_gone() throws Exception {
        try (Backend b = Backend.open("remedy_terminate").inTransaction("select 1")) {
            Map<String, Object> preview = fx.ok("terminate_connection", Map.of("pid", b.pid, "dry_run", true));
            assertThat(((Map<?, ?>) preview.get("session")).get("state")).isEqualTo("idle in transaction");
            assertThat(alive(b.pid)).isTrue();

            Map<String, Object> done = fx.ok("terminate_connection", Map.of("pid", b.pid));
            assertThat(done).containsEntry("verified", true).containsEntry("reversible", false);
            assertThat((String) done.get("evidence")).isEqualTo("pid " + b.pid + " is no longer in pg_stat_activity");
            assertThat(alive(b.pid)).isFalse();
        } catch (SQLException expectedOnClose) {
            // the rollback on close fails: the server ended the session, which is the point
        }
    }

    @Test
    void refuses_to_signal_aihelpdesk_sessions_and_unknown_pids() throws Exception {
        try (Backend ours = Backend.open("aihelpdesk/get_pods tr_x")) {
            Outcome.Failed f = fx.failed("terminate_connection", Map.of("pid", ours.pid));
            assertThat(f.diagnosis().code()).isEqualTo("own_session");
            assertThat(f.diagnosis().message()).contains("pid " + ours.pid, "aihelpdesk itself");
            assertThat(alive(ours.pid)).isTrue();
        }
        try (Backend idle = Backend.open("remedy_idle").inTransaction("select 1")) {
            Outcome.Failed f = fx.failed("cancel_query", Map.of("pid", idle.pid));
            assertThat(f.diagnosis().code()).isEqualTo("nothing_to_cancel");
            assertThat(f.diagnosis().message()).isEqualTo("pid " + idle.pid + " is idle in transaction: it runs no statement, "
                    + "so there is nothing to cancel");
        }
        Outcome.Failed none = fx.failed("cancel_query", Map.of("pid", 999_999));
        assertThat(none.diagnosis().code()).isEqualTo("session_not_found");
        assertThat(none.diagnosis().message()).isEqualTo("no session with pid 999999 on this server (it may have ended already)");
    }

    @Test
    void refuses_server_processes() throws Exception {
        int checkpointer;
        try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pid from pg_stat_activity where backend_type = 'checkpointer'")) {
            rs.next();
            checkpointer = rs.getInt(1);
        }
        Outcome.Failed f = fx.failed("terminate_connection", Map.of("pid", checkpointer));
        assertThat(f.diagnosis().code()).isEqualTo("not_a_client_session");
        assertThat(f.diagnosis().message()).contains("is a checkpointer, not a client session");
    }

    @Test
    void terminate_idle_connections_ends_exactly_the_sessions_its_preview_listed() throws Exception {
        TestPostgres.exec("drop database if exists idle_probe", "create database idle_probe");
        List<Connection> idle = new ArrayList<>();
        try {
            List<Integer> pids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + TestPostgres.server().getPort()
                        + "/idle_probe?user=postgres&ApplicationName=idle_probe_" + i);
                idle.add(c);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    pids.add(rs.getInt(1));
                }
            }
            Map<String, Object> args = Map.of("idle_minutes", 0, "database", "idle_probe");
            Map<String, Object> preview = fx.ok("terminate_idle_connections", with(args, "dry_run", true));
            List<Integer> listed = pids(preview);
            assertThat(listed).containsExactlyInAnyOrderElementsOf(pids);
            assertThat(pids).allMatch(SessionRemediationTest::alive);

            Map<String, Object> done = fx.ok("terminate_idle_connections", args);
            assertThat(done.get("terminated")).isEqualTo(listed);
            assertThat(done).containsEntry("spared", List.of()).containsEntry("verified", true).containsEntry("count", 3);
            assertThat(pids).noneMatch(SessionRemediationTest::alive);
        } finally {
            for (Connection c : idle) {
                c.close();
            }
            TestPostgres.exec("drop database if exists idle_probe");
        }
    }

    @Test
    void terminate_idle_connections_with_the_previewed_pids_spares_a_session_that_appeared_after_the_preview() throws Exception {
        TestPostgres.exec("drop database if exists idle_late", "create database idle_late");
        List<Connection> idle = new ArrayList<>();
        try {
            List<Integer> early = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                idle.add(connect("idle_late"));
                early.add(pid(idle.get(i)));
            }
            Map<String, Object> preview = fx.ok("terminate_idle_connections", Map.of("idle_minutes", 0, "database", "idle_late", "dry_run", true));
            List<Integer> listed = pids(preview);
            assertThat(listed).containsExactlyInAnyOrderElementsOf(early);
            Connection late = connect("idle_late");
            idle.add(late);
            int latePid = pid(late);

            String approved = String.join(",", listed.stream().map(String::valueOf).toList());
            Map<String, Object> done = fx.ok("terminate_idle_connections", Map.of("idle_minutes", 0, "database", "idle_late", "pids", approved));
            assertThat(done.get("terminated")).isEqualTo(listed);
            assertThat(early).noneMatch(SessionRemediationTest::alive);
            assertThat(alive(latePid)).as("a session that was not in the preview").isTrue();
        } finally {
            for (Connection c : idle) {
                c.close();
            }
            TestPostgres.exec("drop database if exists idle_late");
        }
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + database + "?user=postgres");
    }

    static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void terminate_idle_connections_is_refused_above_the_blast_radius_and_ends_nothing() throws Exception {
        TestPostgres.exec("drop database if exists idle_limit", "create database idle_limit");
        List<Connection> idle = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + TestPostgres.server().getPort()
                        + "/idle_limit?user=postgres");
                idle.add(c);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    pids.add(rs.getInt(1));
                }
            }
            RemediationFixture.LimitingGate gate = RemediationFixture.limit(2);
            Outcome.Failed f = fx.failed("terminate_idle_connections", Map.of("idle_minutes", 0, "database", "idle_limit"), gate);
            assertThat(f.diagnosis().code()).isEqualTo("guardrail_blast_radius");
            assertThat(f.diagnosis().message()).isEqualTo("blast radius: terminate_idle_connections would affect 3 sessions, the limit is 2 per call");
            assertThat(gate.asked).containsExactly("sessions=3");
            assertThat(pids).allMatch(SessionRemediationTest::alive);
        } finally {
            for (Connection c : idle) {
                c.close();
            }
            TestPostgres.exec("drop database if exists idle_limit");
        }
    }

    @SuppressWarnings("unchecked")
    static List<Integer> pids(Map<String, Object> reply) {
        return ((List<Map<String, Object>>) reply.get("sessions")).stream().map(r -> ((Number) r.get("pid")).intValue()).toList();
    }

    static Map<String, Object> with(Map<String, Object> args, String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(args);
        m.put(key, value);
        return m;
    }

    static void awaitState(int pid, String state) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select state from pg_stat_activity where pid = " + pid)) {
                if (rs.next() && state.equals(rs.getString(1))) {
                    return;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("pid " + pid + " never reached state " + state);
    }
}
