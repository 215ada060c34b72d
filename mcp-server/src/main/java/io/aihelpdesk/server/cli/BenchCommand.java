package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.bench.Bench;
import io.aihelpdesk.server.bench.BenchOptions;
import io.aihelpdesk.server.bench.BenchReport;
import io.aihelpdesk.server.bench.BenchTargets;
import io.aihelpdesk.server.bench.Soak;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code helpdesk bench}: the benchmark table against embedded PostgreSQL, or the bounded soak. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure latency, throughput, audit, start-up, diagnose, fleet and memory against embedded PostgreSQL; "
                + "prints a markdown table and writes JSON. With --soak: a bounded soak that fails on growth.",
        footer = {"", "Exit status: 0 done (soak: within its bounds), 1 failed, 6 soak out of bounds.",
            "Example: helpdesk bench --quick --json bench.json", "         helpdesk bench --soak 3m"})
final class BenchCommand implements Callable<Integer> {
    static final int OUT_OF_BOUNDS = 6;

    @Option(names = "--quick", description = "Fewer calls and 100,000 audit events instead of 1,000,000 (a few minutes).")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Where the JSON results go (default: bench-results.json).")
    Path json = Path.of("bench-results.json");

    @Option(names = "--soak", paramLabel = "DURATION", arity = "0..1", fallbackValue = "3m",
            description = "Run only the soak for DURATION (e.g. 3m, 90s, 1h; default 3m): MCP sessions mixing tools, the "
                    + "server's RSS and threads sampled, their slopes checked against the bounds.")
    String soak;

    @Option(names = "--sessions", paramLabel = "N", description = "Soak: concurrent MCP sessions (default 32).")
    int sessions = 32;

    @Option(names = "--max-rss-slope", paramLabel = "MB_PER_MIN", description = "Soak: RSS growth bound (default 8 MB/min).")
    double maxRssSlope = 8;

    @Option(names = "--max-thread-slope", paramLabel = "PER_MIN", description = "Soak: thread growth bound (default 10 per minute: pools may still add a few; a per-call leak adds hundreds).")
    double maxThreadSlope = 10;

    @Override
    public Integer call() throws Exception {
        if (soak != null) {
            Duration d = duration(soak);
            BenchReport report = new BenchReport("soak " + soak);
            System.err.println("bench: soak, " + sessions + " sessions for " + soak + "…");
            Soak.Result r;
            try (BenchTargets targets = BenchTargets.start(1, false)) {
                r = Soak.run(targets, sessions, d, Duration.ofSeconds(d.toSeconds() >= 60 ? 5 : 1));
            }
            Soak.report(r, maxRssSlope, maxThreadSlope, report);
            return finish(report, r.problems(maxRssSlope, maxThreadSlope));
        }
        return finish(Bench.run(quick ? BenchOptions.quick() : BenchOptions.full(), System.err), List.of());
    }

    private int finish(BenchReport report, List<String> problems) throws Exception {
        System.out.println(report.markdown());
        report.writeJson(json);
        System.err.println("bench: JSON written to " + json.toAbsolutePath());
        problems.forEach(p -> System.err.println("bench: soak out of bounds: " + p));
        return problems.isEmpty() ? 0 : OUT_OF_BOUNDS;
    }

    /** 90s, 3m, 1h, or ISO-8601 (PT3M). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.matches("\\d+[smh]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--soak: '" + text + "' is not a duration; use e.g. 90s, 3m or 1h");
        }
    }
}
