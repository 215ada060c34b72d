package io.aihelpdesk.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bounded soak from Maven ({@code ./mvnw -Pbench verify -pl mcp-server -am}): 32 MCP sessions
 * for {@code -Dbench.soak} seconds (default 180) against a {@code helpdesk serve} child; fails on any
 * error or when the server's RSS or thread count grows faster than the bounds
 * ({@code -Dbench.soak.maxRssSlope}, MB/min, default 8; {@code -Dbench.soak.maxThreadSlope}, per
 * minute, default 10).
 */
@Tag("bench")
class SoakBench {
    @Test
    void thirty_two_sessions_keep_rss_and_threads_flat() throws Exception {
        long seconds = Long.getLong("bench.soak", 180);
        double maxRss = Double.parseDouble(System.getProperty("bench.soak.maxRssSlope", "8"));
        double maxThreads = Double.parseDouble(System.getProperty("bench.soak.maxThreadSlope", "10"));
        Soak.Result r;
        try (BenchTargets targets = BenchTargets.start(1, false)) {
            r = Soak.run(targets, 32, Duration.ofSeconds(seconds), Duration.ofSeconds(seconds >= 60 ? 5 : 1));
        }
        BenchReport report = new BenchReport("soak " + seconds + " s");
        Soak.report(r, maxRss, maxThreads, report);
        System.out.println(report.markdown());
        assertThat(r.calls()).isPositive();
        assertThat(r.problems(maxRss, maxThreads)).isEmpty();
    }
}
