package io.aihelpdesk.tools.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.kubernetes.ClusterFaults;
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.aihelpdesk.tools.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The triage engine against real PostgreSQL and the Kubernetes API mock: it finds what is there, and only that. */
class DiagnoseTest {
    static EmbeddedPostgres pg;
    static KubeFixture kube;
    static TriageFixture triage;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        pg = TestPostgres.start(EmbeddedPostgres.builder());
        kube = new KubeFixture();
        new ClusterFaults(kube.client()).all();
        triage = new TriageFixture(kube, dir, Map.of(
                "orders", TestPostgres.connectionString(pg),
                "down", "host=127.0.0.1 port=1 dbname=postgres user=postgres connect_timeout=2",
                "nodb", "host=localhost port=" + pg.getPort() + " dbname=no_such_db user=postgres"));
    }

    @AfterAll
    static void stop() throws Exception {
        triage.close();
        kube.close();
        pg.close();
    }

    static List<String> categories(Diagnose.Reply r) {
        return r.findings().stream().map(Finding::category).toList();
    }

    @Test
    void a_fresh_idle_database_is_healthy_with_no_finding_above_info() {
        Diagnose.Reply r = triage.reply(Map.of("connection_string", "orders", "focus", "database"));
        assertThat(r.findings()).noneMatch(f -> f.severity().alarming());
        assertThat(r.healthy()).isTrue();
        assertThat(r.checks()).extracting(CheckRun::name).contains("check_connection", "get_connection_stats", "get_blocking_queries",
                "get_vacuum_status", "get_replication_status", "get_pg_settings");
        assertThat(r.checks()).filteredOn(c -> !c.name().equals("get_slow_queries")).allMatch(c -> c.status().equals("ok"));
    }

    @Test
    void an_unreachable_database_is_the_finding_and_the_other_database_checks_are_skipped() {
        Diagnose.Reply r = triage.reply(Map.of("connection_string", "down", "focus", "database"));
        assertThat(r.healthy()).isFalse();
        Finding top = r.findings().get(0);
        assertThat(top.category()).isEqualTo("connection_refused");
        assertThat(top.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(top.evidence()).containsEntry("code", "connection_refused");
        assertThat(r.checks()).filteredOn(c -> c.name().equals("get_lock_info") || c.name().equals("get_blocking_queries"))
                .allMatch(c -> c.status().equals("skipped"));
    }

    @Test
    void a_missing_database_is_named() {
        Diagnose.Reply r = triage.reply(Map.of("connection_string", "nodb", "focus", "database"));
        assertThat(r.findings().get(0).category()).isEqualTo("database_not_found");
        assertThat(r.findings().get(0).title()).contains("no_such_db");
    }

    @Test
    void a_session_holding_an_exclusive_lock_is_the_top_finding_with_its_pid() throws Exception {
        try (Connection holder = pg.getPostgresDatabase().getConnection(); Statement h = holder.createStatement()) {
            h.execute("create table if not exists lockme(id int)");
            holder.setAutoCommit(false);
            h.execute("lock table lockme in access exclusive mode");
            int pid;
            try (var rs = h.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("select count(*) from lockme");
                } catch (Exception ignored) {
                    // ends when the holder rolls back
                }
            }, TestPostgres.OWN_THREAD);
            awaitWaiting();
            Diagnose.Reply r = triage.reply(Map.of("connection_string", "orders", "focus", "database"));
            Finding top = r.findings().get(0);
            assertThat(top.category()).isEqualTo("lock_blocking");
            assertThat(top.evidence()).containsEntry("blocker_pid", pid).containsEntry("blocked_sessions", 1);
            assertThat(top.nextSteps()).extracting(NextStep::tool).contains("get_session_info", "terminate_connection");
            assertThat(top.nextSteps()).filteredOn(n -> n.tool().equals("get_session_info")).allMatch(NextStep::available);
            assertThat(top.playbook()).isEqualTo("pb_lock_blocking");
            holder.rollback();
            waiter.join();
        }
    }

    private static void awaitWaiting() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the waiter never blocked");
    }

    @Test
    void a_sequence_near_its_limit_is_reported_with_its_range() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create sequence almost_done as smallint");
            s.execute("select setval('almost_done', 31000)");
            Diagnose.Reply r = triage.reply(Map.of("connection_string", "orders", "focus", "database"));
            Finding f = r.findings().stream().filter(x -> x.category().equals("sequence_exhaustion")).findFirst().orElseThrow();
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.evidence()).containsEntry("sequence", "public.almost_done").containsEntry("max_value", 32767L);
            s.execute("drop sequence almost_done");
        }
    }

    @Test
    void kubernetes_faults_in_the_databases_namespace_are_found_with_their_decisive_fields() {
        Diagnose.Reply r = triage.reply(Map.of("connection_string", "orders", "focus", "kubernetes"));
        assertThat(categories(r)).as(r.checks().toString()).contains("pod_crash_loop", "pod_unschedulable", "image_pull_failure", "oom_killed",
                "no_endpoints", "pvc_pending", "scaled_to_zero", "node_pressure");
        Finding oom = r.findings().stream().filter(f -> f.category().equals("oom_killed")).findFirst().orElseThrow();
        assertThat(oom.evidence()).containsEntry("last_termination", "OOMKilled exit 137").containsEntry("memory_limit", "512Mi");
        Finding pending = r.findings().stream().filter(f -> f.category().equals("pod_unschedulable")).findFirst().orElseThrow();
        assertThat(pending.title()).contains("Insufficient memory");
        assertThat(r.target()).isEqualTo("orders + mock/shop");
    }

    @Test
    void a_database_down_while_its_pod_crash_loops_is_one_compound_finding_on_top() {
        Diagnose.Reply r = triage.reply(Map.of("connection_string", "down"));
        assertThat(r.findings().get(0).category()).isEqualTo("compound_crash");
        assertThat(r.findings().get(0).title()).contains("CrashLoopBackOff");
        assertThat(categories(r)).contains("connection_refused", "pod_crash_loop");
    }

    @Test
    void the_text_leads_with_the_verdict_and_numbers_the_findings() {
        Outcome o = triage.diagnose(Map.of("connection_string", "down", "focus", "database"));
        assertThat(o.text()).startsWith("PROBLEMS FOUND: down").contains("1. [CRITICAL] connection_refused");
        // the structured severity is written as the output schema lists it
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) ((Outcome.Succeeded) o).data().get("findings")).get(0);
        assertThat(first).containsEntry("severity", "critical");
        assertThat(io.aihelpdesk.tools.Schemas.output(Diagnose.Reply.class).toString()).contains("critical");
    }
}
