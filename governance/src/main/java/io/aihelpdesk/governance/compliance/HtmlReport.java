package io.aihelpdesk.governance.compliance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS and server-drawn SVG charts, no script
 * and no external resource, so it opens offline and can be archived as is. Key numbers carry ids
 * ({@code total-calls}, {@code total-denials}, {@code total-changes}, {@code chain-status}) for checks.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d2733;max-width:1200px}
            h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ccd5df;padding-bottom:.3rem}
            .meta{color:#5b6b7c}.tiles{display:flex;gap:1rem;flex-wrap:wrap}
            .tile{border:1px solid #ccd5df;border-radius:6px;padding:.8rem 1.2rem;min-width:9rem}
            .tile .n{font-size:2rem;font-weight:600}.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
            table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccd5df;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#eef2f6}.ok{color:#23703f;font-weight:600}.bad{color:#b42318;font-weight:600}
            .chart-title{font-weight:600}svg text{font-size:13px;fill:#1d2733}code{font-size:.85rem}
            """;

    private HtmlReport() {
    }

    static String render(ComplianceReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>aiHelpDesk compliance report ")
                .append(Html.escape(r.from().toString())).append(" – ").append(Html.escape(r.to().toString()))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>Compliance report</h1><p class=\"meta\">Period <b>").append(r.from()).append("</b> to <b>").append(r.to())
                .append("</b> (end exclusive) · generated ").append(r.generatedAt()).append(" · from the tamper-evident audit chain</p>");
        tiles(h, r);
        h.append("<h2>Calls</h2><div class=\"charts\">")
                .append(BarChart.svg("chart-outcome", "By outcome", r.byOutcome(), true))
                .append(BarChart.svg("chart-action-class", "By action class", r.byActionClass(), false))
                .append(BarChart.svg("chart-principal", "By principal", r.byPrincipal(), false))
                .append(BarChart.svg("chart-target", "By target", r.byTarget(), false))
                .append("</div>");
        h.append("<h2>Denials</h2>");
        if (!r.denials().isEmpty()) {
            h.append(BarChart.svg("chart-denial-cause", "By cause", r.denialsByCause(), false));
        }
        calls(h, "denials", r.denials(), false);
        h.append("<h2>Changes (write and destructive calls)</h2>");
        calls(h, "changes", r.changes(), true);
        chain(h, r.chain());
        versions(h, r.policyVersions());
        return h.append("</body></html>\n").toString();
    }

    private static void tiles(StringBuilder h, ComplianceReport r) {
        h.append("<div class=\"tiles\">");
        tile(h, "total-calls", "calls", r.totalCalls());
        tile(h, "total-denials", "denials", r.denials().size());
        tile(h, "total-changes", "changes", r.changes().size());
        tile(h, "total-policy-versions", "policy versions", r.policyVersions().size());
        h.append("</div>");
    }

    private static void tile(StringBuilder h, String id, String label, long n) {
        h.append("<div class=\"tile\"><div class=\"n\" id=\"").append(id).append("\">").append(n)
                .append("</div><div>").append(label).append("</div></div>");
    }

    private static void calls(StringBuilder h, String id, List<Call> calls, boolean changes) {
        if (calls.isEmpty()) {
            h.append("<p id=\"").append(id).append("\">none in this period</p>");
            return;
        }
        h.append("<table id=\"").append(id).append("\"><thead><tr><th>time</th><th>principal</th><th>tool</th><th>class</th>")
                .append("<th>target</th><th>outcome</th>").append(changes ? "<th>approval chain</th><th>verified</th>" : "")
                .append("<th>reason</th><th>trace</th></tr></thead><tbody>");
        for (Call c : calls) {
            h.append("<tr data-trace=\"").append(Html.escape(c.traceId())).append("\">");
            cells(h, time(c.at()), c.principal(), c.tool(), c.actionClass(), c.target(), c.outcome());
            if (changes) {
                h.append("<td class=\"approval\">").append(Html.escape(c.approval()));
                for (ApprovalStep s : c.approvals()) {
                    h.append("<br><small>").append(Html.escape(s.event())).append(' ').append(Html.escape(s.status()))
                            .append(s.approver() == null ? "" : " by " + Html.escape(s.approver()))
                            .append(s.reason() == null ? "" : ": " + Html.escape(s.reason())).append("</small>");
                }
                h.append("</td>");
                cells(h, c.verified() == null ? "not reported" : c.verified().toString());
            }
            cells(h, c.reason() == null ? "" : c.reason());
            h.append("<td><code>").append(Html.escape(c.traceId())).append("</code></td></tr>");
        }
        h.append("</tbody></table>");
    }

    /** To the second, for people; JSON and CSV keep the full precision. */
    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void cells(StringBuilder h, String... values) {
        for (String v : values) {
            h.append("<td>").append(Html.escape(v)).append("</td>");
        }
    }

    private static void chain(StringBuilder h, ChainCheck c) {
        h.append("<h2>Audit chain verification</h2><p>");
        if (c.valid()) {
            h.append("<span id=\"chain-status\" class=\"ok\">intact</span>: ").append(c.totalEvents())
                    .append(" events re-hashed, last ").append(Html.escape(c.lastEventId()));
        } else {
            h.append("<span id=\"chain-status\" class=\"bad\">BROKEN</span> at ").append(Html.escape(c.brokenAt()))
                    .append(" after ").append(c.totalEvents()).append(" good events: ").append(Html.escape(c.error()));
        }
        h.append(" (the whole chain is verified, not only this period)</p>");
    }

    private static void versions(StringBuilder h, List<PolicyVersion> versions) {
        h.append("<h2>Policy versions in force</h2>");
        if (versions.isEmpty()) {
            h.append("<p id=\"policy-versions\">no policy decisions in this period (no policy file was enforced)</p>");
            return;
        }
        h.append("<table id=\"policy-versions\"><thead><tr><th>version (SHA-256 of the policy file)</th><th>first decision</th>")
                .append("<th>last decision</th><th>decisions</th></tr></thead><tbody>");
        for (PolicyVersion v : versions) {
            h.append("<tr><td><code>").append(Html.escape(v.version())).append("</code></td>");
            cells(h, time(v.firstSeen()), time(v.lastSeen()), Long.toString(v.decisions()));
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }
}
