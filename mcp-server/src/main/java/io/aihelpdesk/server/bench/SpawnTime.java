package io.aihelpdesk.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Item 4: from spawning {@code helpdesk mcp} to its answer to {@code initialize} (what an MCP client
 * waits for before its first call), median of N starts; and the peak RSS of such a server.
 */
final class SpawnTime {
    static final String SECTION = "4. helpdesk mcp: spawn → initialize";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n";

    private SpawnTime() {
    }

    static void run(BenchTargets targets, BenchOptions o, BenchReport report) throws Exception {
        if (!o.children()) {
            report.note(SECTION, "Skipped: child processes are off.");
            return;
        }
        double[] ms = new double[o.spawns()];
        double peak = -1;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            try (ChildProcess child = ChildProcess.stdio(targets.childFlags(targets.dir().resolve("spawn-audit.db")))) {
                OutputStream in = child.process().getOutputStream();
                in.write(INITIALIZE.getBytes(StandardCharsets.UTF_8));
                in.flush();
                BufferedReader out = new BufferedReader(new InputStreamReader(child.process().getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                ms[i] = (System.nanoTime() - t0) / 1e6;
                if (line == null || !line.contains("\"result\"")) {
                    throw new IllegalStateException("helpdesk mcp did not answer initialize: " + line);
                }
                peak = Math.max(peak, child.memory().peakMb());
            }
        }
        Samples s = new Samples(ms);
        report.add(SECTION, "starts", s.count(), "median ms", s.p(50), "min ms", s.p(0.0001), "max ms", s.max(),
                "peak RSS MB after initialize", peak);
        report.note(SECTION, "Started with " + ChildProcess.how() + "; the clock runs from the spawn to the initialize "
                + "result's line on stdout, inventory and policy loaded.");
    }
}
