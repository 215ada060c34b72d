package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Describe;

/** One evidence-gathering call of a triage run and how it went. */
public record CheckRun(
        @Describe("The tool that was run") String name,
        @Describe("ok, failed (the tool's diagnosis is in detail), denied (by policy), timeout (cut by the time budget) or skipped")
        String status,
        long durationMs,
        String detail) {
}
