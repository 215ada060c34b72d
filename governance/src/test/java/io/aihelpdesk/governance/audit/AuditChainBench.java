package io.aihelpdesk.governance.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Prints a markdown table of append latency/throughput and verify time. Run with -Pbench. */
@Tag("bench")
class AuditChainBench {
    static final int EVENTS_PER_RUN = 4000;
    static final int VERIFY_EVENTS = 1_000_000;
    @TempDir
    Path dir;

    @Test
    void prints_append_and_verify_table() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int threads : new int[] {1, 8}) {
            Path file = dir.resolve("bench-" + threads + ".db");
            rows.add(run("SQLite", threads, () -> new SqliteAuditStore(file)));
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            for (int threads : new int[] {1, 8}) {
                rows.add(run("PostgreSQL", threads, () -> {
                    PGSimpleDataSource ds = new PGSimpleDataSource();
                    ds.setUrl(pg.getJdbcUrl("postgres", "postgres"));
                    return new PostgresAuditStore(ds);
                }));
            }
        }
        System.out.println("\n| store | threads | events | append p50 (ms) | append p99 (ms) | events/s |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println("\n" + verifyMillion());
    }

    private String run(String name, int threads, Supplier<AuditStore> open) throws InterruptedException {
        long[] latencies = new long[EVENTS_PER_RUN];
        int perThread = EVENTS_PER_RUN / threads;
        try (AuditStore store = open.get()) {
            for (int i = 0; i < 200; i++) {
                store.append(Events.execution("warmup", "get_pods", "k8s", "read"));
            }
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                workers.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        AuditEvent e = Events.execution("s" + base, "get_lock_info", "db", "read");
                        long start = System.nanoTime();
                        store.append(e);
                        latencies[base + i] = System.nanoTime() - start;
                    }
                }));
            }
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            return String.format("| %s | %d | %d | %.2f | %.2f | %.0f |", name, threads, EVENTS_PER_RUN,
                    latencies[EVENTS_PER_RUN / 2] / 1e6, latencies[EVENTS_PER_RUN * 99 / 100] / 1e6,
                    EVENTS_PER_RUN / seconds);
        }
    }

    /** Builds the chain through the same insert path but in 10,000-event transactions, then times verify. */
    private String verifyMillion() throws SQLException {
        Path file = dir.resolve("million.db");
        new SqliteAuditStore(file).close();
        long built = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous=OFF");
            c.setAutoCommit(false);
            AuditTable.Link tail = AuditTable.last(c);
            while (tail.seq() < VERIFY_EVENTS) {
                List<AuditEvent> batch = new ArrayList<>(10_000);
                for (int i = 0; i < 10_000; i++) {
                    batch.add(Events.execution("s" + i % 50, "get_lock_info", "db", "read"));
                }
                List<Appended> done = AuditTable.insert(c, tail, batch);
                Appended last = done.get(done.size() - 1);
                tail = new AuditTable.Link(last.seq(), last.eventHash());
                c.commit();
            }
        }
        double buildSeconds = (System.nanoTime() - built) / 1e9;
        try (SqliteAuditStore store = new SqliteAuditStore(file)) {
            long start = System.nanoTime();
            Verification v = store.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            return String.format("| verify (SQLite) | events | valid | seconds | events/s |%n|---|---|---|---|---|%n"
                    + "| chain of %d (built in %.1f s) | %d | %s | %.1f | %.0f |", VERIFY_EVENTS, buildSeconds,
                    v.totalEvents(), v.valid(), seconds, v.totalEvents() / seconds);
        }
    }
}
