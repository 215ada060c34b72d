package io.aihelpdesk.tools.incident;

import java.util.Map;

/** {@code summary.md}: what was collected, what failed or was cut, for the person who opens the bundle. */
final class Summary {
    private Summary() {
    }

    static String markdown(Manifest m, Map<String, byte[]> files) {
        StringBuilder s = new StringBuilder();
        s.append("# Incident ").append(m.incidentId()).append("\n\n");
        s.append("- infrastructure: ").append(m.infraKey()).append('\n');
        s.append("- description: ").append(m.description()).append('\n');
        s.append("- collected at: ").append(m.timestamp()).append(" in ").append(m.durationMs()).append(" ms (budget ")
                .append(m.budgetMs() / 1000).append(" s)").append('\n');
        s.append("- aiHelpDesk ").append(m.versions().get("aihelpdesk"));
        if (m.versions().containsKey("postgresql")) {
            s.append(", ").append(m.versions().get("postgresql"));
        }
        s.append("\n\n## Layers\n\n| layer | status | files |\n|---|---|---|\n");
        m.layerStatus().forEach((layer, status) -> s.append("| ").append(layer).append(" | ").append(status).append(" | ")
                .append(files.keySet().stream().filter(p -> p.startsWith(layer + "/")).count()).append(" |\n"));
        if (m.partial()) {
            s.append("\n## Cut by the time budget (partial bundle)\n\n");
            m.cut().forEach(c -> s.append("- ").append(c).append('\n'));
        }
        s.append("\n## Errors (").append(m.errors().size()).append(")\n\n");
        if (m.errors().isEmpty()) {
            s.append("None: every item was collected.\n");
        }
        m.errors().forEach(e -> s.append("- `").append(e.item()).append("`: ").append(oneLine(e.message())).append('\n'));
        if (!m.notInstalled().isEmpty()) {
            s.append("\n## Not installed on this host\n\n");
            m.notInstalled().forEach(e -> s.append("- `").append(e.item()).append("`: ").append(oneLine(e.message())).append('\n'));
        }
        s.append("\n## Top findings\n\n");
        if (m.findingsNote() != null) {
            s.append("No automatic findings: ").append(m.findingsNote()).append(". Start with `database/get_blocking_queries.txt`, "
                    + "`database/get_wait_events.txt` and `database/activity_sample.txt`.\n");
        } else if (m.findings() == null || m.findings().isEmpty()) {
            s.append("The triage engine found nothing above info (details: `triage/diagnose.txt`).\n");
        } else {
            m.findings().forEach(f -> s.append("- **").append(f.severity()).append("** ").append(f.title()).append(" (`")
                    .append(f.category()).append("`)\n"));
            s.append("\nEvidence, explanations and next steps: `triage/diagnose.txt`.\n");
        }
        s.append("\n## Secrets\n\n").append(m.redaction().masked()).append(" secret value(s) masked (passwords, tokens, connection-string credentials).\n");
        return s.toString();
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 299) + "…" : t;
    }
}
