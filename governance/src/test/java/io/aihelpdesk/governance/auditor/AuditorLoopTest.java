package io.aihelpdesk.governance.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.Appended;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditorLoopTest {
    @TempDir
    Path dir;
    private Path file;
    private SqliteAuditStore store;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final AlertCounters counters = new AlertCounters();
    private AuditorLoop loop;

    @BeforeEach
    void open() {
        file = dir.resolve("audit.db");
        store = new SqliteAuditStore(file);
    }

    @AfterEach
    void close() {
        if (loop != null) {
            loop.close();
        }
        store.close();
    }

    private AuditorLoop loop(Duration verifyInterval) {
        return new AuditorLoop(store, new Auditor(AuditorSettings.defaults()), counters, List.of(alerts::add),
                Duration.ofMillis(20), verifyInterval);
    }

    private AuditEvent call(String tool, String actionClass) {
        return AuditEvent.of("tool_execution").withTrace("tr_" + tool, null).withActionClass(actionClass)
                .withPrincipal(new AuditEvent.Principal("alice", "user", List.of()))
                .withTool(new AuditEvent.Tool(tool, "aihelpdesk/mcp", Map.of("pid", 42), null, null, null, null));
    }

    @Test
    void the_loop_audits_events_appended_after_it_started_and_reports_a_tampered_chain() throws Exception {
        store.append(call("get_pods", "read"));
        loop = loop(Duration.ofMillis(50));
        loop.start();

        Appended destructive = store.append(call("terminate_connection", "destructive"));
        Alert alert = await(a -> a.rule().equals("destructive_without_approval"));
        assertThat(alert.eventId()).isEqualTo(destructive.eventId());
        assertThat(alert.level()).isEqualTo(Alert.Level.CRITICAL);
        Appended third = store.append(call("get_lock_info", "read"));
        awaitCount("auditor_events_total 3");

        tamper("UPDATE audit_events SET raw_json = replace(raw_json, 'get_lock_info', 'get_pods') "
                + "WHERE event_id = '" + third.eventId() + "'");
        Alert broken = await(a -> a.rule().equals("chain_verification_failed"));

        assertThat(broken.level()).isEqualTo(Alert.Level.CRITICAL);
        assertThat(broken.eventId()).isEqualTo(third.eventId());
        assertThat(broken.details()).containsEntry("broken_at", third.eventId());
        assertThat(broken.message()).contains("modified");
        Thread.sleep(200);
        assertThat(alerts).filteredOn(a -> a.rule().equals("chain_verification_failed")).hasSize(1);
        assertThat(counters.text()).contains("auditor_alerts_total{level=\"critical\"} 2");
    }

    @Test
    void polling_pages_through_a_backlog_oldest_first() {
        for (int i = 0; i < AuditorLoop.PAGE + 7; i++) {
            store.append(call("get_pods", "read"));
        }
        loop = loop(Duration.ZERO);

        assertThat(loop.poll()).isEqualTo(AuditorLoop.PAGE + 7);
        assertThat(loop.poll()).isZero();
        store.append(call("get_pods", "read"));
        assertThat(loop.poll()).isEqualTo(1);
        assertThat(loop.verify()).isEmpty();
    }

    @Test
    void a_failing_sink_does_not_stop_the_others() {
        loop = new AuditorLoop(store, new Auditor(AuditorSettings.defaults()), counters, List.of(a -> {
            throw new IllegalStateException("sink down");
        }, alerts::add), Duration.ofMillis(20), Duration.ZERO);
        store.append(call("terminate_connection", "destructive"));

        loop.poll();

        assertThat(alerts).extracting(Alert::rule).containsExactly("destructive_without_approval");
    }

    private Alert await(Predicate<Alert> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Alert a : alerts) {
                if (match.test(a)) {
                    return a;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching alert within 10 s; got " + alerts);
    }

    private void awaitCount(String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!counters.text().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics never showed " + line + ":\n" + counters.text());
            }
            Thread.sleep(10);
        }
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).isEqualTo(1);
        }
    }
}
