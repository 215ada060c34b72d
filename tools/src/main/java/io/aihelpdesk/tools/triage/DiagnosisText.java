package io.aihelpdesk.tools.triage;

/**
 * The human reading of a triage result: the verdict, then each finding with its first next step.
 * Public for the chat, which shows this summary rather than the full tabular text.
 */
public final class DiagnosisText {
    private DiagnosisText() {
    }

    public static String summary(Diagnose.Reply r) {
        StringBuilder s = new StringBuilder();
        long timeouts = r.checks().stream().filter(c -> c.status().equals("timeout")).count();
        long failed = r.checks().stream().filter(c -> c.status().equals("failed") || c.status().equals("denied")).count();
        s.append(r.healthy() ? "HEALTHY" : "PROBLEMS FOUND").append(": ").append(r.target()).append(" — ")
                .append(r.findings().size()).append(" finding").append(r.findings().size() == 1 ? "" : "s").append(", ")
                .append(r.checks().size()).append(" checks in ").append(r.durationMs()).append(" ms");
        if (timeouts + failed > 0) {
            s.append(" (").append(failed).append(" failed or denied, ").append(timeouts).append(" cut by the time budget)");
        }
        int i = 1;
        for (Finding f : r.findings()) {
            s.append('\n').append(i++).append(". [").append(f.severity().name()).append("] ").append(f.category()).append(": ")
                    .append(f.title());
            f.nextSteps().stream().filter(n -> n.available()).findFirst()
                    .ifPresent(n -> s.append("\n   next: ").append(n.tool()).append(' ').append(n.arguments()).append(" — ").append(n.why()));
            s.append("\n   playbook: ").append(f.playbook());
        }
        return s.toString();
    }
}
