package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The auditor's metrics in Prometheus text format: {@code auditor_events_total},
 * {@code auditor_alerts_total{level}} and {@code auditor_errors_total{agent}} (failed tool calls).
 * Thread-safe: the loop writes, an HTTP endpoint reads.
 */
public final class AlertCounters implements AlertSink {
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong warn = new AtomicLong();
    private final AtomicLong critical = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    /** Counts one audit event, and a tool error of its agent when its outcome is an error. */
    public void record(AuditEvent e) {
        events.incrementAndGet();
        if (e.outcome() != null && "error".equals(e.outcome().status()) && e.tool() != null
                && e.tool().agent() != null) {
            errors.computeIfAbsent(e.tool().agent(), a -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void send(Alert alert) {
        (alert.critical() ? critical : warn).incrementAndGet();
    }

    /** The exposition text (version 0.0.4), agents sorted by name. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP auditor_events_total Audit events processed by the auditor.\n")
                .append("# TYPE auditor_events_total counter\n")
                .append("auditor_events_total ").append(events.get()).append('\n')
                .append("# HELP auditor_alerts_total Alerts raised, by level.\n")
                .append("# TYPE auditor_alerts_total counter\n")
                .append("auditor_alerts_total{level=\"warn\"} ").append(warn.get()).append('\n')
                .append("auditor_alerts_total{level=\"critical\"} ").append(critical.get()).append('\n')
                .append("# HELP auditor_errors_total Failed tool calls, by agent.\n")
                .append("# TYPE auditor_errors_total counter\n");
        new TreeMap<>(errors).forEach((agent, n) -> out.append("auditor_errors_total{agent=\"")
                .append(escape(agent)).append("\"} ").append(n.get()).append('\n'));
        return out.toString();
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
