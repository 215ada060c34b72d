package io.aihelpdesk.server.bench;

import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded soak: N MCP HTTP sessions mixing read tools against a {@code helpdesk serve} child for
 * a fixed duration, sampling the server's RSS and thread count. The child's heap is sized and touched
 * up front ({@link #HEAP}), so RSS growth is memory outside a heap still sizing itself (metaspace,
 * code, threads, native buffers), and a heap leak ends in errors. The slopes are least squares fits
 * over the samples after the warm-up (a quarter of the run, at least 30 s, at most half).
 */
public final class Soak {
    static final String SECTION = "Soak";
    static final List<String> HEAP = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");
    private static final List<String> TOOLS = List.of("get_connection_stats", "get_lock_info", "check_connection",
            "get_active_connections", "get_database_info");

    /**
     * @param rssMbPerMinute  slope of the server's RSS (MB per minute)
     * @param threadsPerMinute slope of the server's live threads (per minute)
     */
    public record Result(int sessions, Duration duration, long calls, long errors, int samples, double rssMbPerMinute,
                         double threadsPerMinute, double rssStartMb, double rssEndMb, int threadsStart, int threadsEnd,
                         List<String> firstErrors) {
        /** Problems against the bounds; empty when the soak passed. */
        public List<String> problems(double maxRssMbPerMinute, double maxThreadsPerMinute) {
            List<String> p = new ArrayList<>();
            if (errors > 0) {
                p.add(errors + " of " + calls + " calls failed, first: " + firstErrors);
            }
            if (rssMbPerMinute > maxRssMbPerMinute) {
                p.add(String.format(java.util.Locale.ROOT, "server RSS grew %.2f MB/min (bound %.2f MB/min)", rssMbPerMinute, maxRssMbPerMinute));
            }
            if (threadsPerMinute > maxThreadsPerMinute) {
                p.add(String.format(java.util.Locale.ROOT, "server threads grew %.2f per minute (bound %.2f)", threadsPerMinute, maxThreadsPerMinute));
            }
            return p;
        }
    }

    private Soak() {
    }

    public static Result run(BenchTargets targets, int sessions, Duration duration, Duration sampleEvery) throws Exception {
        Map<String, Object> args = Map.of("connection_string", BenchTargets.DEMO);
        try (ChildProcess server = ChildProcess.serve(HEAP, targets.childFlags(targets.dir().resolve("soak-audit.db")), 120_000)) {
            List<McpSyncClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(sessions);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
            List<double[]> samples = new ArrayList<>(); // {seconds, rss MB, threads}
            try {
                for (int i = 0; i < sessions; i++) {
                    clients.add(McpSessions.http(server.port()));
                }
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    McpSyncClient c = clients.get(i);
                    int offset = i;
                    futures.add(pool.submit(() -> {
                        for (int n = offset; !stop.get(); n++) {
                            try {
                                McpSessions.call(c, TOOLS.get(n % TOOLS.size()), args);
                            } catch (RuntimeException e) {
                                errors.incrementAndGet();
                                if (firstErrors.size() < 3) {
                                    firstErrors.add(String.valueOf(e.getMessage()));
                                }
                            }
                            calls.incrementAndGet();
                        }
                    }));
                }
                long t0 = System.nanoTime();
                long end = t0 + duration.toNanos();
                while (System.nanoTime() < end) {
                    samples.add(new double[] {(System.nanoTime() - t0) / 1e9, server.memory().currentMb(), server.threads()});
                    Thread.sleep(Math.min(sampleEvery.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                }
                samples.add(new double[] {(System.nanoTime() - t0) / 1e9, server.memory().currentMb(), server.threads()});
                stop.set(true);
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                stop.set(true);
                pool.shutdownNow();
                clients.forEach(McpSyncClient::closeGracefully);
            }
            double warmup = Math.min(Math.max(duration.toSeconds() / 4.0, 30), duration.toSeconds() / 2.0);
            List<double[]> steady = samples.stream().filter(p -> p[0] >= warmup).toList();
            double[] first = steady.get(0);
            double[] last = steady.get(steady.size() - 1);
            return new Result(sessions, duration, calls.get(), errors.get(), samples.size(), slope(steady, 1) * 60,
                    slope(steady, 2) * 60, first[1], last[1], (int) first[2], (int) last[2], List.copyOf(firstErrors));
        }
    }

    /** Least-squares slope of column {@code y} over column 0 (per second); 0 for fewer than two points. */
    static double slope(List<double[]> points, int y) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[y]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : points) {
            num += (p[0] - mx) * (p[y] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    /** The soak as a report section. */
    public static void report(Result r, double maxRss, double maxThreads, BenchReport report) {
        report.add(SECTION, "sessions", r.sessions(), "seconds", (double) r.duration().toSeconds(), "calls", r.calls(), "errors", r.errors(),
                "samples", r.samples(), "RSS MB start→end", String.format(java.util.Locale.ROOT, "%.0f → %.0f", r.rssStartMb(), r.rssEndMb()),
                "RSS slope MB/min", r.rssMbPerMinute(), "threads start→end", r.threadsStart() + " → " + r.threadsEnd(),
                "threads slope /min", r.threadsPerMinute(), "verdict", r.problems(maxRss, maxThreads).isEmpty() ? "pass" : "FAIL");
        report.note(SECTION, String.format(java.util.Locale.ROOT, "Bounds: RSS slope ≤ %.1f MB/min, thread slope ≤ %.1f per minute, "
                + "zero errors. Server: a `helpdesk serve` child with %s, sessions cycling through %s; slopes are least squares "
                + "over the samples after the warm-up (a quarter of the run, at least 30 s, at most half).", maxRss, maxThreads,
                String.join(" ", HEAP), TOOLS));
    }
}
