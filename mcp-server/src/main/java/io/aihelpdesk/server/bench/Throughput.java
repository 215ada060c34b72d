package io.aihelpdesk.server.bench;

import io.modelcontextprotocol.client.McpSyncClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Items 2 and 7: calls/s, p99 and errors with 1, 8, 32 and 128 concurrent MCP Streamable HTTP
 * sessions against a {@code helpdesk serve} child process (policy + durable SQLite audit), then that
 * server's peak RSS.
 */
final class Throughput {
    static final String SECTION = "2. Throughput, concurrent MCP sessions (get_connection_stats, HTTP, durable audit)";
    static final String MEMORY = "7. Memory (peak RSS)";

    private Throughput() {
    }

    static void run(BenchTargets targets, BenchOptions o, BenchReport report) throws Exception {
        if (!o.children()) {
            report.note(SECTION, "Skipped: child processes are off.");
            return;
        }
        Map<String, Object> args = Map.of("connection_string", BenchTargets.DEMO);
        try (ChildProcess server = ChildProcess.serve(targets.childFlags(targets.dir().resolve("serve-audit.db")), 120_000)) {
            for (int sessions : o.sessions()) {
                Result r = level(server.port(), sessions, Math.max(o.callsPerLevel(), sessions * 4), args);
                report.add(SECTION, "sessions", sessions, "calls", r.samples.count() + r.errors, "calls/s", r.perSecond,
                        "p50 ms", r.samples.p(50), "p99 ms", r.samples.p(99), "errors", r.errors);
            }
            ProcessMemory m = server.memory();
            report.add(MEMORY, "process", "helpdesk serve (child) after the throughput rows", "peak RSS MB", m.peakMb(),
                    "current RSS MB", m.currentMb());
        }
        report.note(SECTION, "The server is a child `helpdesk serve` started with " + ChildProcess.how() + "; each session is an "
                + "MCP Java SDK client with its own HTTP connection, calling in a loop. The demo target's connection pool "
                + "holds 4 connections, so calls beyond 4 in flight queue for one.");
    }

    private record Result(Samples samples, double perSecond, int errors) {
    }

    private static Result level(int port, int sessions, int calls, Map<String, Object> args) throws Exception {
        List<McpSyncClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            for (int i = 0; i < sessions; i++) {
                McpSyncClient c = McpSessions.http(port);
                clients.add(c);
                McpSessions.call(c, "get_connection_stats", args); // warm the session
            }
            AtomicInteger remaining = new AtomicInteger(calls);
            AtomicInteger errors = new AtomicInteger();
            List<Future<List<Double>>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (McpSyncClient c : clients) {
                futures.add(pool.submit(() -> {
                    List<Double> ms = new ArrayList<>();
                    while (remaining.getAndDecrement() > 0) {
                        long s = System.nanoTime();
                        try {
                            McpSessions.call(c, "get_connection_stats", args);
                            ms.add((System.nanoTime() - s) / 1e6);
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                    return ms;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> f : futures) {
                all.addAll(f.get());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(new Samples(all.stream().mapToDouble(Double::doubleValue).toArray()), all.size() / seconds,
                    errors.get());
        } finally {
            pool.shutdownNow();
            clients.forEach(McpSyncClient::closeGracefully);
        }
    }
}
