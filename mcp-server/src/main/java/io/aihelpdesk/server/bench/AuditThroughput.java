package io.aihelpdesk.server.bench;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.audit.PostgresAuditStore;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.audit.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Item 3: the audit chain alone. Single appends timed one after another (each waits for its
 * commit), then the chain filled to the target size by many concurrent appenders (group commit
 * batches them), then one verification walk over the whole chain.
 */
final class AuditThroughput {
    static final String SECTION = "3. Audit chain: append and verify";
    private static final int APPENDERS = 64;

    private AuditThroughput() {
    }

    static void run(BenchTargets targets, BenchOptions o, BenchReport report) throws Exception {
        try (SqliteAuditStore sqlite = new SqliteAuditStore(targets.dir().resolve("bench-audit.db"))) {
            measure("SQLite (WAL, synchronous=FULL)", sqlite, o, report);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://localhost:" + targets.fleetPort() + "/bench_audit");
        ds.setUser("postgres");
        ds.setApplicationName("aihelpdesk/audit");
        try (PostgresAuditStore pg = new PostgresAuditStore(ds)) {
            measure(targets.separateFleetServer() ? "PostgreSQL (embedded, synchronous_commit=on)"
                    : "PostgreSQL (embedded, synchronous_commit=off)", pg, o, report);
        }
        report.note(SECTION, "append p50/p99: " + o.auditSamples() + " appends one after another, each returning once durable. "
                + "events/s: " + APPENDERS + " concurrent appenders filling the chain to " + o.auditEvents() + " events "
                + "(the group commit writes what is queued in one transaction). verify: re-hashing every event of the chain in "
                + "order. The PostgreSQL store opens a connection per committed batch, as the server does.");
    }

    private static void measure(String store, AuditStore audit, BenchOptions o, BenchReport report) throws Exception {
        double[] ms = new double[o.auditSamples()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            audit.append(event(i));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Samples one = new Samples(ms);
        long fill = Math.max(0, o.auditEvents() - ms.length);
        AtomicLong left = new AtomicLong(fill);
        ExecutorService pool = Executors.newFixedThreadPool(APPENDERS);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < APPENDERS; t++) {
                futures.add(pool.submit(() -> {
                    for (long n; (n = left.getAndDecrement()) > 0; ) {
                        audit.append(event(n));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        long v0 = System.nanoTime();
        Verification v = audit.verify();
        double verifySeconds = (System.nanoTime() - v0) / 1e9;
        if (!v.valid()) {
            throw new IllegalStateException("the bench's own " + store + " audit chain does not verify: " + v);
        }
        report.add(SECTION, "store", store, "append p50 ms", one.p(50), "append p99 ms", one.p(99),
                "events/s (" + APPENDERS + " appenders)", fill == 0 ? ms.length / (one.mean() * ms.length / 1000) : fill / fillSeconds,
                "events verified", v.totalEvents(), "verify s", verifySeconds, "verified events/s", v.totalEvents() / verifySeconds);
    }

    private static AuditEvent event(long n) {
        AuditEvent e = AuditEvent.of("tool_execution").withTrace("tr_bench_" + n, null).withActionClass("read")
                .withSession(new AuditEvent.Session("ses_bench", "bench"))
                .withPrincipal(new AuditEvent.Principal("bench", "user", List.of("dba")))
                .withTool(new AuditEvent.Tool("get_connection_stats", "postgres", Map.of("connection_string", "demo"), null,
                        "3 databases, 7 connections (14% of max_connections)", null, 2L));
        return n % 2 == 0 ? e : AuditEvent.outcomeOf(e, new AuditEvent.Outcome("success", null, 2L));
    }
}
