package io.aihelpdesk.server.bench;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.lab.FaultLab;
import io.aihelpdesk.server.lab.Lab;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.FaultCatalog;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Item 5: {@code diagnose} (database focus) on a healthy database and on the same database in
 * trouble: the fault lab's primary before and after injecting {@value #FAULT} (a lock chain behind
 * one blocker). Without the lab (tiny runs) only the healthy row is measured, on the demo database.
 */
final class DiagnoseLatency {
    static final String SECTION = "5. diagnose latency (in-process pipeline, audited)";
    static final String FAULT = "db-tx-lock-chain";

    private DiagnoseLatency() {
    }

    static void run(Helpdesk benchHelpdesk, BenchOptions o, BenchReport report) throws Exception {
        if (!o.lab()) {
            row(report, "demo database (seeded with findings)", measure(benchHelpdesk, BenchTargets.DEMO, o.diagnoseRuns()));
            report.note(SECTION, "Troubled row skipped: the fault lab is off in this mode.");
            return;
        }
        try (Lab lab = Lab.start(Files.createTempDirectory("helpdesk-bench-lab-")); Helpdesk h = lab.helpdesk()) {
            row(report, "lab primary, healthy", measure(h, Lab.TARGET, o.diagnoseRuns()));
            FaultLab faults = new FaultLab(lab);
            Fault fault = FaultCatalog.builtin().find(FAULT).orElseThrow();
            faults.inject(fault);
            try {
                Thread.sleep(1000); // the chain's last waiters queue
                row(report, "lab primary, troubled (" + FAULT + ")", measure(h, Lab.TARGET, o.diagnoseRuns()));
            } finally {
                faults.teardown(fault);
            }
        } finally {
            report.note(SECTION, "diagnose with focus=database and its default budget, one call at a time through the "
                    + "governance pipeline (every nested check audited). Targets: the fault lab's primary (embedded "
                    + "PostgreSQL), healthy, then with the lab's " + FAULT + " fault injected.");
        }
    }

    record Run(Samples samples, int findings, boolean healthy) {
    }

    private static void row(BenchReport report, String target, Run r) {
        report.add(SECTION, "target", target, "runs", r.samples().count(), "p50 ms", r.samples().p(50), "max ms", r.samples().max(),
                "healthy", r.healthy(), "findings", r.findings());
    }

    static Run measure(Helpdesk h, String target, int runs) {
        double[] ms = new double[runs];
        int findings = 0;
        boolean healthy = true;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Outcome out = h.pipeline().run(new Invocation("diagnose", Map.of("connection_string", target, "focus", "database"),
                    new Caller("bench", "user", List.of(), "bench"), null, "bench"));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (!(out instanceof Outcome.Succeeded s)) {
                throw new IllegalStateException("diagnose of " + target + " did not succeed: " + out.text());
            }
            findings = ((List<?>) s.data().get("findings")).size();
            healthy = Boolean.TRUE.equals(s.data().get("healthy"));
        }
        return new Run(new Samples(ms), findings, healthy);
    }
}
