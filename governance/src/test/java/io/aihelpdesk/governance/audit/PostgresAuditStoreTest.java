package io.aihelpdesk.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresAuditStoreTest {
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS audit_events, audit_checkpoints");
        }
    }

    /** A separate data source per store, as two server replicas would have. */
    static DataSource replica() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.getJdbcUrl("postgres", "postgres"));
        return ds;
    }

    @Test
    void two_replicas_appending_concurrently_keep_one_valid_chain() throws Exception {
        List<Appended> acks = Collections.synchronizedList(new ArrayList<>());
        try (PostgresAuditStore a = new PostgresAuditStore(replica());
                PostgresAuditStore b = new PostgresAuditStore(replica())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                PostgresAuditStore store = t % 2 == 0 ? a : b;
                String session = "s" + t;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        acks.add(store.append(Events.execution(session, "get_lock_info", "db", "read")));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }

            Verification v = a.verify();
            assertThat(v.valid()).as(v.error()).isTrue();
            assertThat(v.totalEvents()).isEqualTo(800);
            assertThat(b.verify()).isEqualTo(v);
            Set<Long> seqs = acks.stream().map(Appended::seq).collect(Collectors.toSet());
            assertThat(seqs).hasSize(800).allMatch(s -> s >= 1 && s <= 800);
            assertThat(b.query(AuditQuery.all().session("s3"))).hasSize(100);
        }
    }

    @Test
    void verify_reports_a_deleted_event_at_its_successor() throws SQLException {
        try (PostgresAuditStore store = new PostgresAuditStore(replica())) {
            List<Appended> chain = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                chain.add(store.append(Events.execution("s1", "get_pods", "k8s", "read")));
            }
            try (Connection c = replica().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_events WHERE event_id = '" + chain.get(1).eventId() + "'");
            }

            Verification v = store.verify();
            assertThat(v.brokenAt()).isEqualTo(chain.get(2).eventId());
            assertThat(v.error()).contains("(deleted, inserted or reordered)");
        }
    }

    @Test
    void keyed_checkpoint_exposes_truncation() throws SQLException {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (PostgresAuditStore store = new PostgresAuditStore(replica())) {
            for (int i = 0; i < 4; i++) {
                store.append(Events.execution("s1", "get_pods", "k8s", "read"));
            }
            assertThat(store.checkpoint(key).seq()).isEqualTo(4);
            try (Connection c = replica().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_events WHERE seq = 4");
            }

            assertThat(store.verify().valid()).isTrue();
            assertThat(store.verify(key).error()).endsWith("(truncated: newest events were deleted)");
        }
    }
}
