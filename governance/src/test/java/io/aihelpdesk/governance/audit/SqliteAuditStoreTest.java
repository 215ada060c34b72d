package io.aihelpdesk.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditStoreTest {
    @TempDir
    Path dir;
    Path file;
    SqliteAuditStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("audit.db");
        store = new SqliteAuditStore(file);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void links_three_events_from_genesis_with_sha256_of_canonical_json_without_event_hash() {
        AuditEvent first = Events.execution("s1", "get_lock_info", "postgres_database_agent", "read");
        Appended a = store.append(first);
        AuditEvent outcome = AuditEvent.outcomeOf(first, new AuditEvent.Outcome("success", null, 42L));
        Appended b = store.append(outcome);
        Appended c = store.append(AuditEvent.of("policy_decision").withActionClass("destructive")
                .withDecision(Map.of("effect", "deny", "reasons", List.of("prod requires approval"),
                        "policy_version", "3")));

        assertThat(a.prevHash()).isEqualTo("0".repeat(64));
        assertThat(b.prevHash()).isEqualTo(a.eventHash());
        assertThat(c.prevHash()).isEqualTo(b.eventHash());
        assertThat(List.of(a.seq(), b.seq(), c.seq())).containsExactly(1L, 2L, 3L);
        List<AuditEvent> stored = store.query(AuditQuery.all());
        for (AuditEvent e : stored) {
            Map<String, Object> tree = EventJson.tree(e);
            tree.remove("event_hash");
            assertThat(EventJson.sha256(CanonicalJson.encode(tree))).isEqualTo(e.eventHash());
        }
        assertThat(stored.get(1).parentId()).isEqualTo(first.eventId());
        assertThat(stored.get(1).eventType()).isEqualTo("outcome");
        assertThat(stored.get(0).tool().parameters()).containsEntry("limit", 10);
        assertThat(store.verify()).isEqualTo(new Verification(true, 3, a.eventId(), c.eventId(), c.eventHash(),
                null, null));
    }

    @Test
    void stores_the_original_schema_in_snake_case_omitting_nulls() throws SQLException {
        AuditEvent e = Events.execution("s1", "get_pods", "k8s_agent", "read");
        store.append(e);

        String json = rawJson(e.eventId());
        assertThat(json).startsWith("{\"action_class\":\"read\",\"event_hash\":\"")
                .contains("\"event_type\":\"tool_execution\"", "\"session\":{\"id\":\"s1\",\"user_id\":\"alice\"}",
                        "\"raw_command\":\"SELECT * FROM pg_stat_activity\"", "\"duration_ms\":42",
                        "\"principal\":{\"id\":\"alice@example.com\",\"kind\":\"user\",\"roles\":[\"dba\",\"sre\"]}")
                .doesNotContain("parent_id", "outcome", "decision", "null");
        assertThat(json).containsPattern("\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z\"");
        assertThat(e.eventId()).matches("evt_[0-9a-f]{16}");
    }

    @Test
    void verify_reports_an_edited_event_as_modified() throws SQLException {
        List<Appended> chain = appendFive();
        String id = chain.get(2).eventId();

        tamper("UPDATE audit_events SET raw_json = replace(raw_json, '12 rows', '0 rows') WHERE event_id = '" + id + "'");

        Verification v = store.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(id);
        assertThat(v.error()).isEqualTo("event_hash mismatch at " + id + " (modified)");
        assertThat(v.totalEvents()).isEqualTo(2);
    }

    @Test
    void verify_reports_a_deleted_event_at_its_successor() throws SQLException {
        List<Appended> chain = appendFive();

        tamper("DELETE FROM audit_events WHERE event_id = '" + chain.get(2).eventId() + "'");

        Verification v = store.verify();
        assertThat(v.brokenAt()).isEqualTo(chain.get(3).eventId());
        assertThat(v.error()).isEqualTo("prev_hash of " + chain.get(3).eventId()
                + " does not match previous event (deleted, inserted or reordered)");
    }

    @Test
    void verify_reports_a_forged_insertion_even_when_its_own_hash_is_correct() throws SQLException {
        List<Appended> chain = appendFive();
        EventJson.Chained forged = EventJson.chain(Events.execution("s9", "drop_table", "x", "destructive"),
                chain.get(1).eventHash());

        tamper("UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 3");
        tamper("INSERT INTO audit_events (seq, event_id, ts, event_type, prev_hash, event_hash, raw_json) VALUES (3, '"
                + forged.event().eventId() + "', 'x', 'tool_execution', '" + forged.event().prevHash() + "', '"
                + forged.event().eventHash() + "', '" + forged.json() + "')");

        Verification v = store.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(chain.get(2).eventId());
        assertThat(v.error()).contains("prev_hash of " + chain.get(2).eventId(), "(deleted, inserted or reordered)");
    }

    @Test
    void verify_reports_a_forged_insertion_with_a_made_up_hash_as_modified() throws SQLException {
        List<Appended> chain = appendFive();
        EventJson.Chained forged = EventJson.chain(Events.execution("s9", "drop_table", "x", "destructive"),
                chain.get(1).eventHash());
        String json = forged.json().replace(forged.event().eventHash(), "f".repeat(64));

        tamper("UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 3");
        tamper("INSERT INTO audit_events (seq, event_id, ts, event_type, prev_hash, event_hash, raw_json) VALUES (3, '"
                + forged.event().eventId() + "', 'x', 'tool_execution', 'p', '" + "f".repeat(64) + "', '" + json + "')");

        assertThat(store.verify().brokenAt()).isEqualTo(forged.event().eventId());
        assertThat(store.verify().error()).endsWith("(modified)");
    }

    @Test
    void verify_reports_swapped_events_as_reordered() throws SQLException {
        List<Appended> chain = appendFive();

        tamper("UPDATE audit_events SET seq = -1 WHERE seq = 2");
        tamper("UPDATE audit_events SET seq = 2 WHERE seq = 3");
        tamper("UPDATE audit_events SET seq = 3 WHERE seq = -1");

        Verification v = store.verify();
        assertThat(v.brokenAt()).isEqualTo(chain.get(2).eventId());
        assertThat(v.error()).contains("does not match previous event");
        assertThat(v.totalEvents()).isEqualTo(1);
        assertThat(v.lastEventId()).isEqualTo(chain.get(0).eventId());
    }

    @Test
    void an_empty_chain_is_valid() {
        assertThat(store.verify()).isEqualTo(new Verification(true, 0, null, null, null, null, null));
    }

    @Test
    void reopening_continues_the_same_chain() {
        Appended a = store.append(Events.execution("s1", "get_pods", "k8s", "read"));
        store.close();
        store = new SqliteAuditStore(file);

        Appended b = store.append(Events.execution("s1", "get_pods", "k8s", "read"));

        assertThat(b.prevHash()).isEqualTo(a.eventHash());
        assertThat(b.seq()).isEqualTo(2);
        assertThat(store.verify().valid()).isTrue();
    }

    @Test
    void group_commit_keeps_one_valid_chain_under_eight_concurrent_writers() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Appended> acks = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            String session = "s" + t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    acks.add(store.append(Events.execution(session, "get_lock_info", "db", "read")));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        Verification v = store.verify();
        assertThat(v.valid()).as(v.error()).isTrue();
        assertThat(v.totalEvents()).isEqualTo(1600);
        assertThat(acks).extracting(Appended::seq).doesNotHaveDuplicates().hasSize(1600);
        assertThat(store.query(AuditQuery.all().session("s3").limit(1000))).hasSize(200);
    }

    @Test
    void a_duplicate_event_id_fails_alone_and_says_nothing_was_acknowledged() {
        AuditEvent e = Events.execution("s1", "get_pods", "k8s", "read");
        store.append(e);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.append(e))
                .isInstanceOf(AuditStoreException.class)
                .hasMessageContaining(e.eventId()).hasMessageContaining("nothing was acknowledged");
        assertThat(store.verify().totalEvents()).isEqualTo(1);
    }

    private List<Appended> appendFive() {
        List<Appended> chain = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chain.add(store.append(Events.execution("s1", "get_lock_info", "db", "read")));
        }
        assertThat(store.verify().valid()).isTrue();
        return chain;
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private String rawJson(String eventId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT raw_json FROM audit_events WHERE event_id = '" + eventId + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
