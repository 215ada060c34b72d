package io.aihelpdesk.governance.compliance;

/** How a report is written: a self-contained HTML page with charts, JSON for tools, CSV (one row per call) for spreadsheets. */
public enum ReportFormat {
    HTML {
        @Override
        public String render(ComplianceReport r) {
            return HtmlReport.render(r);
        }
    },
    JSON {
        @Override
        public String render(ComplianceReport r) {
            return JsonReport.render(r);
        }
    },
    CSV {
        @Override
        public String render(ComplianceReport r) {
            return CsvReport.render(r);
        }
    };

    public abstract String render(ComplianceReport report);
}
