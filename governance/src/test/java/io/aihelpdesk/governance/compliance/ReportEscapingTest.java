package io.aihelpdesk.governance.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Audit values are untrusted text: the HTML report escapes them and the CSV never lets a spreadsheet run them. */
class ReportEscapingTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>\"'&";

    private static ComplianceReport report() {
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        Call call = new Call(t, "tr_1", "cancel_query", HOSTILE, "write", "=HYPERLINK(\"http://evil\")", "denied", HOSTILE,
                List.of(new ApprovalStep(t, "approval_decided", "apr_1", "denied", HOSTILE, HOSTILE, "1")), null);
        return new ComplianceReport(t, t.plusSeconds(60), t, 1, Map.of("write", 1L), Map.of(HOSTILE, 1L),
                Map.of(call.target(), 1L), Map.of("denied", 1L), Map.of("policy", 1L), List.of(call), List.of(call),
                new ChainCheck(false, 3, "evt_3", "evt_2", HOSTILE), List.of(), List.of(call));
    }

    @Test
    void html_escapes_every_audit_value() {
        String html = ReportFormat.HTML.render(report());
        assertThat(html).doesNotContain("<img", "onerror=alert(1)>")
                .contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;")
                .contains("id=\"chain-status\" class=\"bad\">BROKEN</span> at evt_2");
    }

    @Test
    void csv_defuses_formulas_and_quotes_cells() {
        String csv = ReportFormat.CSV.render(report());
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
                .contains("\"<img src=x onerror=alert(1)>\"\"'&\"");
    }
}
