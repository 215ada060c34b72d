package io.aihelpdesk.server.bench;

import java.util.List;

/**
 * How much one bench run measures.
 *
 * @param mode          name printed with the results (full, quick, tiny)
 * @param warmup        calls per series before measuring
 * @param calls         measured calls per latency series
 * @param sessions      concurrent MCP sessions of the throughput rows
 * @param callsPerLevel calls per throughput row (at least 4 per session)
 * @param auditEvents   events appended to each audit store before it is verified
 * @param auditSamples  single appends timed for the append latency
 * @param spawns        {@code helpdesk mcp} starts timed (median)
 * @param diagnoseRuns  diagnose calls per healthy/troubled row
 * @param fleetSize     databases in the fleet inventory
 * @param lab           start the fault lab for the troubled diagnose row (a primary, a replica, a simulated cluster)
 * @param children      spawn child processes ({@code helpdesk mcp}, {@code helpdesk serve}, psql)
 * @param fleetServer   the fleet and the PostgreSQL audit store on a second embedded server (else on the demo's)
 */
public record BenchOptions(String mode, int warmup, int calls, List<Integer> sessions, int callsPerLevel, int auditEvents,
                           int auditSamples, int spawns, int diagnoseRuns, int fleetSize, boolean lab, boolean children, boolean fleetServer) {
    public static BenchOptions full() {
        return new BenchOptions("full", 200, 2000, List.of(1, 8, 32, 128), 6000, 1_000_000, 2000, 10, 10, 20, true, true, true);
    }

    public static BenchOptions quick() {
        return new BenchOptions("quick", 50, 300, List.of(1, 8, 32, 128), 1500, 100_000, 500, 10, 5, 20, true, true, true);
    }

    /** The same run with other warm-up and measured call counts (a slow baseline gets fewer calls). */
    public BenchOptions withCalls(int warmupCalls, int measuredCalls) {
        return new BenchOptions(mode, warmupCalls, measuredCalls, sessions, callsPerLevel, auditEvents, auditSamples, spawns,
                diagnoseRuns, fleetSize, lab, children, fleetServer);
    }

    /** Seconds, for the bench machinery's own test: every row is produced, none means anything. */
    public static BenchOptions tiny() {
        return new BenchOptions("tiny", 2, 5, List.of(1, 2), 8, 300, 20, 1, 1, 2, false, true, false);
    }
}
