package io.aihelpdesk.server.bench;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tool-call latency through each door against the embedded demo database, with a plain JDBC
 * query as the floor. Not a test: run with {@code ./mvnw -Pbench verify -pl mcp-server -am}; prints
 * a markdown table and writes {@code target/bench/tool-latency.json}.
 */
@Tag("bench")
class ToolLatencyBench {
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100);
    private static final int CALLS = Integer.getInteger("bench.calls", 1000);
    private static final String TOOL = System.getProperty("bench.tool", "get_connection_stats");

    private interface Call {
        void run() throws Exception;
    }

    @Test
    void tool_call_latency_by_door() throws Exception {
        DemoFixture demo = DemoFixture.get();
        Map<String, double[]> results = new LinkedHashMap<>();
        try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://localhost:" + demo.database.port() + "/shop", "postgres", "");
             Statement st = jdbc.createStatement()) {
            results.put("JDBC, one query, no tool layer (floor)", measure(() -> {
                try (ResultSet rs = st.executeQuery("select datname, state, count(*) from pg_stat_activity group by 1, 2")) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }));
        }
        Map<String, Object> args = Map.of("connection_string", "demo");
        results.put("in-process pipeline: policy-free, audited (no transport)", measure(() -> {
            Outcome o = demo.helpdesk.pipeline().run(new Invocation(TOOL, args, Caller.osUser("bench"), null, "bench"));
            if (!(o instanceof Outcome.Succeeded)) {
                throw new IllegalStateException(o.text());
            }
        }));
        try (HttpServer http = HttpServer.start(demo.helpdesk, "127.0.0.1", 0);
             McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
                     .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();
            results.put("MCP Streamable HTTP", measure(() -> check(client.callTool(new McpSchema.CallToolRequest(TOOL, args)))));
        }
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(ServerParameters.builder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args("-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main", "mcp",
                        "--inventory", demo.inventory.toString(), "--audit-db", demo.inventory.resolveSibling("bench-audit.db").toString()).build(), McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();
            results.put("MCP stdio", measure(() -> check(client.callTool(new McpSchema.CallToolRequest(TOOL, args)))));
        }
        report(results);
    }

    private static void check(McpSchema.CallToolResult r) {
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException(String.valueOf(r.content()));
        }
    }

    private static double[] measure(Call call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.run();
        }
        double[] ms = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static void report(Map<String, double[]> results) throws Exception {
        double floor = pct(results.values().iterator().next(), 50);
        StringBuilder table = new StringBuilder("\n### " + TOOL + " latency (" + CALLS + " calls after " + WARMUP + " warm-up, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature() + ")\n\n"
                + "| door | p50 ms | p99 ms | mean ms | calls/s (1 client) | p50 ÷ JDBC |\n|---|---:|---:|---:|---:|---:|\n");
        List<Map<String, Object>> json = new ArrayList<>();
        results.forEach((door, ms) -> {
            double mean = Arrays.stream(ms).average().orElse(0);
            table.append(String.format("| %s | %.3f | %.3f | %.3f | %.0f | %.1f× |%n", door, pct(ms, 50), pct(ms, 99), mean,
                    1000 / mean, pct(ms, 50) / floor));
            json.add(Map.of("door", door, "p50_ms", pct(ms, 50), "p99_ms", pct(ms, 99), "mean_ms", mean, "calls", ms.length));
        });
        System.out.println(table);
        Path out = Path.of("target", "bench", "tool-latency.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.writePretty(Map.of("tool", TOOL, "results", json)));
    }
}
