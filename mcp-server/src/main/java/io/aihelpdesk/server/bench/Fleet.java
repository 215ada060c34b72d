package io.aihelpdesk.server.bench;

import io.aihelpdesk.server.Helpdesk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Item 6: {@code diagnose} across every database of the fleet inventory, 8 at a time, through one
 * server: total time and per-target latency.
 */
final class Fleet {
    static final String SECTION = "6. Fleet: diagnose every target of one inventory";
    private static final int PARALLEL = 8;

    private Fleet() {
    }

    static void run(BenchTargets targets, Helpdesk helpdesk, BenchReport report) throws Exception {
        List<String> fleet = targets.fleet();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        long t0 = System.nanoTime();
        List<Future<Double>> futures = new ArrayList<>();
        try {
            for (String target : fleet) {
                futures.add(pool.submit(() -> DiagnoseLatency.measure(helpdesk, target, 1).samples().p(50)));
            }
            double[] each = new double[fleet.size()];
            for (int i = 0; i < each.length; i++) {
                each[i] = futures.get(i).get();
            }
            double total = (System.nanoTime() - t0) / 1e3 / 1e3;
            Samples s = new Samples(each);
            report.add(SECTION, "targets", fleet.size(), "parallel", PARALLEL, "total ms", total, "per-target p50 ms", s.p(50),
                    "per-target max ms", s.max());
        } finally {
            pool.shutdownNow();
        }
        report.note(SECTION, "The " + fleet.size() + " targets are " + fleet.size() + " databases on ONE embedded PostgreSQL "
                + "server (" + (targets.separateFleetServer() ? "the fleet's own" : "the demo's") + "), each its own inventory "
                + "entry with its own connection pool; "
                + "diagnose with focus=database, " + PARALLEL + " targets at a time, policy + durable audit.");
    }
}
