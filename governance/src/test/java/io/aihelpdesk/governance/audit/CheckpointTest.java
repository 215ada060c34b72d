package io.aihelpdesk.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    @TempDir
    Path dir;
    Path file;
    SqliteAuditStore store;
    List<Appended> chain = new ArrayList<>();

    @BeforeEach
    void open() {
        file = dir.resolve("audit.db");
        store = new SqliteAuditStore(file);
        for (int i = 0; i < 5; i++) {
            chain.add(store.append(Events.execution("s1", "get_pods", "k8s", "read")));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void seals_the_tail_and_later_appends_still_verify() {
        Checkpoint cp = store.checkpoint(KEY);
        store.append(Events.execution("s1", "get_pods", "k8s", "read"));

        assertThat(cp.seq()).isEqualTo(5);
        assertThat(cp.lastHash()).isEqualTo(chain.get(4).eventHash());
        assertThat(cp.hmac()).matches("[0-9a-f]{64}");
        assertThat(store.verify(KEY).valid()).isTrue();
        assertThat(store.verify(KEY).totalEvents()).isEqualTo(6);
    }

    @Test
    void reports_tail_truncation_that_the_plain_chain_cannot_see() throws SQLException {
        store.checkpoint(KEY);

        tamper("DELETE FROM audit_events WHERE seq > 3");

        assertThat(store.verify().valid()).isTrue();
        Verification v = store.verify(KEY);
        assertThat(v.valid()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(chain.get(2).eventId());
        assertThat(v.error()).isEqualTo("chain ends at " + chain.get(2).eventId()
                + " after 3 events but the keyed checkpoint covers seq 5 (truncated: newest events were deleted)");
    }

    @Test
    void reports_a_tail_rewritten_with_recomputed_hashes() throws SQLException {
        store.checkpoint(KEY);
        tamper("DELETE FROM audit_events WHERE seq = 5");

        Appended replacement = store.append(Events.execution("s1", "get_pods", "k8s", "read"));

        assertThat(replacement.seq()).isEqualTo(5);
        assertThat(store.verify().valid()).isTrue();
        assertThat(store.verify(KEY).brokenAt()).isEqualTo(replacement.eventId());
        assertThat(store.verify(KEY).error()).contains("does not match the keyed checkpoint");
    }

    @Test
    void a_checkpoint_under_another_key_fails_its_hmac() {
        store.checkpoint(KEY);

        Verification v = store.verify("another key of some length......".getBytes(StandardCharsets.US_ASCII));

        assertThat(v.valid()).isFalse();
        assertThat(v.error()).contains("latest checkpoint (seq 5) fails its HMAC");
    }

    @Test
    void refuses_an_empty_key_and_says_how_to_provide_one() {
        assertThatThrownBy(() -> store.checkpoint(new byte[0])).hasMessageContaining("key is empty")
                .hasMessageContaining("environment variable");
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
