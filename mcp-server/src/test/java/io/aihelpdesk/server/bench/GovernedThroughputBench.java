package io.aihelpdesk.server.bench;

import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Governed tool-call throughput (policy + durable audit, in process, no transport) with the SQLite
 * and the PostgreSQL audit store, 1 and 8 concurrent callers, against an ungoverned baseline run in
 * the same process: the pipeline's own cost, below the transports {@link HelpdeskBench} measures.
 * Run with {@code ./mvnw -Pbench verify -pl mcp-server -am}.
 */
@Tag("bench")
class GovernedThroughputBench {
    private static final int CALLS = Integer.getInteger("bench.calls", 2000);

    @Test
    void governed_throughput_by_audit_store_and_concurrency() throws Exception {
        DemoFixture demo = DemoFixture.get();
        Path policy = Files.createTempFile("policy-", ".yaml");
        Files.writeString(policy, "version: \"1\"\npolicies:\n  - name: demo-read\n    resources: [{type: database, match: {tags: [demo]}}]\n"
                + "    rules: [{action: read, effect: allow}]\n");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + demo.database.port() + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists bench_audit");
            s.execute("create database bench_audit");
        }
        String pgAudit = "host=localhost port=" + demo.database.port() + " dbname=bench_audit user=postgres";
        StringBuilder table = new StringBuilder("\n### governed get_connection_stats throughput (" + CALLS + " calls per row)\n\n"
                + "| audit store | policy | callers | calls/s | p50 ms | p99 ms |\n|---|---|---:|---:|---:|---:|\n");
        for (String store : List.of("sqlite", "postgresql")) {
            for (boolean withPolicy : List.of(false, true)) {
                GovernanceOptions o = new GovernanceOptions(Files.createTempDirectory("bench-").resolve("audit.db"),
                        store.equals("sqlite") ? null : pgAudit, withPolicy ? policy : null, Verdict.DENY, false);
                try (Helpdesk h = new Helpdesk(InventoryLoader.load(demo.inventory), PostgresSettings.defaults(), o)) {
                    for (int threads : List.of(1, 8)) {
                        double[] r = run(h, threads);
                        table.append(String.format("| %s | %s | %d | %.0f | %.2f | %.2f |%n", store, withPolicy ? "yes" : "no",
                                threads, r[0], r[1], r[2]));
                    }
                }
            }
        }
        System.out.println(table);
    }

    private static double[] run(Helpdesk h, int threads) throws Exception {
        Map<String, Object> args = Map.of("connection_string", "demo");
        for (int i = 0; i < 100; i++) {
            h.pipeline().run(new Invocation("get_connection_stats", args, Caller.osUser("bench"), null, "bench"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<double[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                double[] ms = new double[CALLS / threads];
                for (int i = 0; i < ms.length; i++) {
                    long s = System.nanoTime();
                    Outcome o = h.pipeline().run(new Invocation("get_connection_stats", args, Caller.osUser("bench"), null, "bench"));
                    if (!(o instanceof Outcome.Succeeded)) {
                        throw new IllegalStateException(o.text());
                    }
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                return ms;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<double[]> f : futures) {
            Arrays.stream(f.get()).forEach(all::add);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        Samples s = new Samples(all.stream().mapToDouble(Double::doubleValue).toArray());
        return new double[] {s.count() / seconds, s.p(50), s.p(99)};
    }
}
