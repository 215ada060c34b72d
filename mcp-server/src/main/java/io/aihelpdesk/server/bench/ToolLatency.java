package io.aihelpdesk.server.bench;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Item 1: latency of {@code get_connection_stats} and {@code get_lock_info} through MCP Streamable
 * HTTP (in-process server, policy + durable audit), MCP stdio (a spawned {@code helpdesk mcp}), the
 * same SQL over one JDBC connection (the floor) and {@code psql -c} spawned per call (how the Go
 * original runs every tool).
 */
final class ToolLatency {
    static final String SECTION = "1. Tool-call latency (demo database)";
    /** The tools' own SQL, for the baselines (the limits query in its PostgreSQL 16+ form: the demo runs 17). */
    static final Map<String, List<String>> SQL = Map.of(
            "get_connection_stats", List.of(io.aihelpdesk.tools.postgres.activity.GetConnectionStats.PER_DATABASE,
                    io.aihelpdesk.tools.postgres.activity.GetConnectionStats.limitsSql(160000)),
            "get_lock_info", List.of(io.aihelpdesk.tools.postgres.locks.GetLockInfo.SQL));
    static final List<String> TOOLS = List.of("get_connection_stats", "get_lock_info");
    private static final Path PSQL = Path.of("/usr/bin/psql");

    interface Call {
        void run() throws Exception;
    }

    private ToolLatency() {
    }

    static void run(BenchTargets targets, Helpdesk helpdesk, BenchOptions o, BenchReport report) throws Exception {
        Map<String, Object> args = Map.of("connection_string", BenchTargets.DEMO);
        try (HttpServer http = HttpServer.start(helpdesk, "127.0.0.1", 0);
             McpSyncClient httpClient = McpSessions.http(http.port());
             McpSyncClient stdio = o.children() ? McpSessions.stdio(targets.childFlags(targets.dir().resolve("stdio-audit.db"))) : null;
             Connection jdbc = targets.demoJdbc("shop"); Statement st = jdbc.createStatement()) {
            for (String tool : TOOLS) {
                Map<String, Samples> rows = new LinkedHashMap<>();
                rows.put("JDBC, same SQL, one connection (floor)", measure(o, () -> {
                    for (String sql : SQL.get(tool)) {
                        try (ResultSet rs = st.executeQuery(sql)) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                    }
                }));
                rows.put("MCP Streamable HTTP (policy + durable audit)", measure(o, () -> McpSessions.call(httpClient, tool, args)));
                if (stdio != null) {
                    rows.put("MCP stdio (spawned helpdesk mcp, policy + durable audit)", measure(o, () -> McpSessions.call(stdio, tool, args)));
                }
                Samples psql = o.children() && Files.isExecutable(PSQL)
                        ? measure(o.withCalls(Math.min(o.warmup(), 5), Math.max(3, o.calls() / 4)),
                                () -> psql(targets.demoPort(), SQL.get(tool)))
                        : null;
                if (psql != null) {
                    rows.put("psql -c spawned per call (the original's way)", psql);
                }
                double floor = rows.values().iterator().next().p(50);
                rows.forEach((door, s) -> report.add(SECTION, "tool", tool, "door", door, "calls", s.count(),
                        "p50 ms", s.p(50), "p95 ms", s.p(95), "p99 ms", s.p(99), "p50 ÷ JDBC", s.p(50) / floor,
                        "psql p50 ÷ this p50", psql == null ? "skipped" : psql.p(50) / s.p(50)));
            }
        }
        report.note(SECTION, "One client, calls in sequence, after warm-up. HTTP: the server runs in the bench's own JVM "
                + "(so the JDBC ratio compares like with like); stdio: " + ChildProcess.how() + ". "
                + "p50 ÷ JDBC is the governance + protocol overhead over the bare SQL; the last column is the speed-up over "
                + "spawning psql per call."
                + (o.children() && !Files.isExecutable(PSQL) ? " psql row skipped: /usr/bin/psql not found." : ""));
    }

    static Samples measure(BenchOptions o, Call call) throws Exception {
        for (int i = 0; i < o.warmup(); i++) {
            call.run();
        }
        double[] ms = new double[o.calls()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Samples(ms);
    }

    private static void psql(int port, List<String> sql) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PSQL.toString(), "-X", "-q", "-A", "-t", "-h", "localhost", "-p", String.valueOf(port),
                "-U", "postgres", "-d", "shop"));
        for (String s : sql) {
            cmd.add("-c");
            cmd.add(s);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + new String(out));
        }
    }
}
