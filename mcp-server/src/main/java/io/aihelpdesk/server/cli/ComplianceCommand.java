package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.compliance.ComplianceReport;
import io.aihelpdesk.governance.compliance.ReportFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code helpdesk compliance}: reports for auditors, computed from the audit chain. */
@Command(name = "compliance", mixinStandardHelpOptions = true, description = "Compliance reports from the audit chain.",
        subcommands = {ComplianceCommand.Report.class})
final class ComplianceCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Calls by action class, principal, target and outcome; every denial; every write/destructive call with "
                    + "its approval chain and verification; the chain verification; the policy versions in force.",
                "Exit 0 when the audit chain is intact, 1 when it is broken (the report is still written)."},
            footer = {"", "Example: helpdesk compliance report --from 2026-11-01 --to 2026-12-01 --format html --out november.html"})
    static final class Report implements Callable<Integer> {
        @Option(names = "--audit-db", paramLabel = "FILE", description = "Default: $HELPDESK_AUDIT_DB or ~/.local/state/aihelpdesk/audit.db.")
        Path auditDb;
        @Option(names = "--from", required = true, paramLabel = "WHEN", description = "Start, inclusive: a date (UTC midnight) or an instant.")
        String from;
        @Option(names = "--to", paramLabel = "WHEN", description = "End, exclusive: a date (UTC midnight) or an instant. Default: now.")
        String to;
        @Option(names = "--format", paramLabel = "FORMAT", description = "html, json or csv (default html).")
        ReportFormat format = ReportFormat.HTML;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Instant start = when("--from", from);
            Instant end = to == null ? Instant.now() : when("--to", to);
            ComplianceReport report;
            try (SqliteAuditStore store = AuditCommand.open(auditDb)) {
                report = ComplianceReport.collect(store, start, end, Instant.now());
            }
            String text = format.render(report);
            if (out == null) {
                System.out.print(text);
            } else {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            }
            System.err.printf("compliance report %s – %s: %d calls, %d denials, %d changes, audit chain %s%s%n", start, end,
                    report.totalCalls(), report.denials().size(), report.changes().size(),
                    report.chain().valid() ? "intact" : "BROKEN at " + report.chain().brokenAt(), out == null ? "" : " → " + out);
            return report.chain().valid() ? 0 : 1;
        }

        /** A date ({@code 2026-11-01}, midnight UTC) or an instant ({@code 2026-11-01T09:00:00Z}). */
        static Instant when(String option, String text) {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " '" + text + "' is neither a date (2026-11-01) nor an instant "
                        + "(2026-11-01T09:00:00Z)");
            }
        }
    }
}
