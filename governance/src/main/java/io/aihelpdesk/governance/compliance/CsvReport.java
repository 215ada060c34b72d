package io.aihelpdesk.governance.compliance;

import java.util.List;

/**
 * The report as CSV (RFC 4180): one row per call of the period, with its outcome, denial/error
 * reason, approval and verification; the denials and changes sections are filters of these rows.
 * The period-wide facts (chain verification, policy versions) are in the JSON and HTML reports.
 */
final class CsvReport {
    static final List<String> HEADER = List.of("at", "trace_id", "principal", "tool", "action_class", "target", "outcome",
            "reason", "approval", "approvers", "verified");

    private CsvReport() {
    }

    static String render(ComplianceReport r) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (Call c : r.calls()) {
            row(out, List.of(c.at().toString(), c.traceId(), c.principal(), c.tool(), c.actionClass(), c.target(), c.outcome(),
                    c.reason() == null ? "" : c.reason(), c.isChange() ? c.approval() : "", c.approvers(),
                    c.verified() == null ? "" : c.verified().toString()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** Quoted when needed; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
    private static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && ("=+@".indexOf(s.charAt(0)) >= 0 || s.charAt(0) == '-' && s.length() > 1)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
