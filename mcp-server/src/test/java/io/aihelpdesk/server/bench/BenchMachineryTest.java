package io.aihelpdesk.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Json;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench machinery in its tiny mode: every section of the table is produced, the JSON has the
 * same rows, and every measured number is positive. Timings themselves are not asserted.
 */
class BenchMachineryTest {
    @Test
    void tiny_run_produces_every_section_as_markdown_and_json_with_positive_numbers() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = Bench.run(BenchOptions.tiny(), new PrintStream(progress, true));

        System.out.println(progress);
        String md = report.markdown();
        System.out.println(md);
        assertThat(md).contains("### " + ToolLatency.SECTION, "### " + Throughput.SECTION, "### " + AuditThroughput.SECTION,
                "### " + SpawnTime.SECTION, "### " + DiagnoseLatency.SECTION, "### " + Fleet.SECTION, "### " + Throughput.MEMORY);
        assertThat(md).contains("| tool | door | calls | p50 ms | p95 ms | p99 ms |");
        assertThat(report.section(ToolLatency.SECTION)).extracting(r -> r.values().get("door")).contains(
                "JDBC, same SQL, one connection (floor)", "MCP Streamable HTTP (policy + durable audit)",
                "MCP stdio (spawned helpdesk mcp, policy + durable audit)", "psql -c spawned per call (the original's way)");
        assertThat(report.section(Throughput.SECTION)).extracting(r -> r.values().get("sessions")).containsExactly(1, 2);
        assertThat(report.section(Throughput.SECTION)).allSatisfy(r -> assertThat(r.values().get("errors")).isEqualTo(0));
        assertThat(report.section(AuditThroughput.SECTION)).extracting(r -> r.values().get("events verified")).containsExactly(300L, 300L);
        assertThat(report.section(Fleet.SECTION)).extracting(r -> r.values().get("targets")).containsExactly(2);
        for (BenchReport.Row row : report.rows()) {
            row.values().forEach((column, value) -> {
                if (value instanceof Number n && !column.equals("errors") && !column.equals("findings")) {
                    assertThat(n.doubleValue()).as(row.section() + " / " + column).isPositive();
                }
            });
        }

        Path file = Files.createTempDirectory("bench-json-").resolve("out/bench.json");
        report.writeJson(file);
        Map<String, Object> json = Json.mapper().readValue(Files.readString(file), Map.class);
        assertThat(json).containsKeys("mode", "machine", "sections");
        List<Map<String, Object>> sections = (List<Map<String, Object>>) json.get("sections");
        assertThat(sections).extracting(s -> s.get("section")).contains(ToolLatency.SECTION, Fleet.SECTION);
        Map<String, Object> firstRow = ((List<Map<String, Object>>) sections.get(0).get("rows")).get(0);
        assertThat(firstRow).containsKeys("tool", "door", "p50_ms", "p95_ms", "p99_ms", "p50_over_jdbc");
        assertThat(progress.toString()).contains("6. fleet of 2 targets");
    }

    @Test
    void soak_reports_slopes_and_fails_on_errors_or_growth_beyond_its_bounds() {
        Soak.Result flat = new Soak.Result(32, Duration.ofMinutes(3), 1000, 0, 36, 0.5, 0.0, 200, 201, 40, 40, List.of());
        assertThat(flat.problems(8, 2)).isEmpty();
        Soak.Result leaking = new Soak.Result(32, Duration.ofMinutes(3), 1000, 2, 36, 12.5, 3.0, 200, 240, 40, 49, List.of("boom"));
        assertThat(leaking.problems(8, 2)).containsExactly("2 of 1000 calls failed, first: [boom]",
                "server RSS grew 12.50 MB/min (bound 8.00 MB/min)", "server threads grew 3.00 per minute (bound 2.00)");
        assertThat(Soak.slope(List.of(new double[] {0, 10, 1}, new double[] {60, 70, 1}, new double[] {120, 130, 1}), 1)).isEqualTo(1.0);
        assertThat(Soak.slope(List.of(new double[] {0, 10, 5}, new double[] {60, 70, 5}), 2)).isZero();
    }
}
