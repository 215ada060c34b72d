package io.aihelpdesk.server.bench;

import io.aihelpdesk.server.Helpdesk;
import java.io.PrintStream;

/**
 * One bench run: starts the embedded targets, measures items 1–7 of the benchmark table in order
 * (each section prints a line when it starts, on {@code progress}), and returns the report. Every
 * ratio is between rows measured in this run.
 */
public final class Bench {
    private Bench() {
    }

    public static BenchReport run(BenchOptions o, PrintStream progress) throws Exception {
        BenchReport report = new BenchReport(o.mode());
        long t0 = System.nanoTime();
        java.util.function.Consumer<String> say = line -> progress.printf("bench [%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line);
        say.accept("starting embedded PostgreSQL (demo database" + (o.fleetServer() ? ", fleet server" : "") + ", "
                + o.fleetSize() + " fleet databases)…");
        try (BenchTargets targets = BenchTargets.start(o.fleetSize(), o.fleetServer());
             Helpdesk helpdesk = targets.helpdesk(targets.dir().resolve("audit.db"))) {
            if (o.children()) {
                ChildProcess.prime();
            }
            say.accept("1. tool-call latency by door…");
            ToolLatency.run(targets, helpdesk, o, report);
            say.accept("2. throughput with " + o.sessions() + " concurrent sessions…");
            Throughput.run(targets, o, report);
            say.accept("3. audit append and verify (" + o.auditEvents() + " events per store)…");
            AuditThroughput.run(targets, o, report);
            say.accept("4. helpdesk mcp spawn → initialize (" + o.spawns() + " starts)…");
            SpawnTime.run(targets, o, report);
            say.accept("5. diagnose, healthy and troubled" + (o.lab() ? " (starting the fault lab)…" : "…"));
            DiagnoseLatency.run(helpdesk, o, report);
            say.accept("6. fleet of " + o.fleetSize() + " targets…");
            Fleet.run(targets, helpdesk, report);
        }
        ProcessMemory self = ProcessMemory.self();
        report.add(Throughput.MEMORY, "process", "this bench process (clients, in-process server, embedded-server handles)",
                "peak RSS MB", self.peakMb(), "current RSS MB", self.currentMb());
        report.note(Throughput.MEMORY, "From /proc/<pid>/status: VmHWM (peak) and VmRSS (now). The embedded PostgreSQL "
                + "servers are separate processes and not counted.");
        return report;
    }
}
