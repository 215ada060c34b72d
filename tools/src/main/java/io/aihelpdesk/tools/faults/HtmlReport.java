package io.aihelpdesk.tools.faults;

import java.util.Locale;

/** A fault run as one self-contained HTML page: a table with pass/fail, scores, durations and the diagnosis text. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(FaultReport report) {
        StringBuilder s = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>aiHelpDesk fault run</title><style>
                body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
                td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
                .pass{background:#e6f4ea}.fail{background:#fce8e6}pre{white-space:pre-wrap;margin:0;font-size:12px}
                </style></head><body>
                """);
        s.append("<h1>Fault run ").append(esc(report.id())).append("</h1><p>")
                .append(esc(report.timestamp().toString())).append(" · agent <b>").append(esc(report.agent())).append("</b> · ")
                .append(report.passed()).append('/').append(report.results().size()).append(" passed (original score), ")
                .append(report.strictPassed()).append('/').append(report.results().size()).append(" strict</p>\n")
                .append("<table><tr><th>fault</th><th>category</th><th>expected</th><th>top finding</th><th>strict</th>"
                        + "<th>score</th><th>pass</th><th>duration</th><th>diagnosis</th></tr>\n");
        for (FaultResult r : report.results()) {
            Score sc = r.score();
            s.append("<tr class=\"").append(r.strictPass() ? "pass" : "fail").append("\"><td><b>").append(esc(r.fault().id()))
                    .append("</b><br>").append(esc(r.fault().name())).append("</td><td>").append(esc(r.fault().category()))
                    .append("</td><td>").append(esc(r.fault().evaluation().category())).append("</td><td>")
                    .append(esc(sc == null || sc.topCategory() == null ? "—" : sc.topCategory())).append("</td><td>")
                    .append(r.strictPass() ? "PASS" : "FAIL").append("</td><td>")
                    .append(sc == null ? "—" : String.format(Locale.ROOT, "%.2f", sc.score())).append("</td><td>")
                    .append(r.passed() ? "PASS" : "FAIL").append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0)).append("</td><td><pre>")
                    .append(esc(r.error() == null ? r.responseText() : "ERROR: " + r.error() + "\n" + nz(r.responseText())))
                    .append("</pre></td></tr>\n");
        }
        return s.append("</table></body></html>\n").toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String esc(String s) {
        return nz(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
