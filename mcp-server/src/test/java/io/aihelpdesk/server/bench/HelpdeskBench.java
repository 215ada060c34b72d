package io.aihelpdesk.server.bench;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole benchmark table, as {@code helpdesk bench} prints it, from Maven:
 * {@code ./mvnw -Pbench verify -pl mcp-server -am} (quick; {@code -Dbench.mode=full} for 1,000,000
 * audit events and more calls). Writes {@code target/bench/bench.json}.
 */
@Tag("bench")
class HelpdeskBench {
    @Test
    void benchmark_table() throws Exception {
        BenchOptions o = "full".equals(System.getProperty("bench.mode")) ? BenchOptions.full() : BenchOptions.quick();
        BenchReport report = Bench.run(o, System.out);
        System.out.println(report.markdown());
        report.writeJson(Path.of("target", "bench", "bench.json"));
    }
}
