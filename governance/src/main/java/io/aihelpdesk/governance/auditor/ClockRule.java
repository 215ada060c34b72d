package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Time-based rules: {@code timestamp_backwards} (an event older than the newest seen, beyond the
 * tolerance — clock tampering or reordered writes), {@code timestamp_gap} (a long silence ending in
 * working hours 08–18, when the chain is normally busy) and {@code off_hours_activity} (a tool call
 * outside the allowed hours).
 */
final class ClockRule implements Rule {
    private static final int WORK_START = 8;
    private static final int WORK_END = 18;
    private final AuditorSettings settings;
    private Instant latest;

    ClockRule(AuditorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void check(AuditEvent e, List<Alert> out) {
        Instant ts = e.timestamp();
        if (latest != null) {
            Duration back = Duration.between(ts, latest);
            Duration forward = Duration.between(latest, ts);
            if (back.compareTo(settings.backwardsTolerance()) > 0) {
                out.add(Rule.alert(e, Alert.Level.CRITICAL, "timestamp_backwards", "event " + e.eventId() + " at "
                        + ts + " is " + back.toMillis() + " ms older than the newest event (" + latest
                        + ") — clock tampering or reordered writes", Map.of("previous", latest.toString(),
                                "backwards_ms", back.toMillis())));
            } else if (forward.compareTo(settings.maxGap()) > 0 && working(hour(ts))) {
                out.add(Rule.alert(e, Alert.Level.WARN, "timestamp_gap", "no audit events for "
                        + forward.toMinutes() + " min before " + ts + " during working hours — was auditing off?",
                        Map.of("previous", latest.toString(), "gap_ms", forward.toMillis())));
            }
        }
        if (latest == null || ts.isAfter(latest)) {
            latest = ts;
        }
        if (settings.hoursEnabled() && "tool_execution".equals(e.eventType()) && !allowed(hour(ts))) {
            out.add(Rule.alert(e, Alert.Level.WARN, "off_hours_activity", "tool " + Rule.toolName(e) + " called at "
                    + ts.atZone(settings.zone()).toLocalTime() + " " + settings.zone() + ", outside the allowed hours "
                    + settings.allowedHoursStart() + ":00–" + settings.allowedHoursEnd() + ":00",
                    Map.of("hour", hour(ts), "allowed_start", settings.allowedHoursStart(),
                            "allowed_end", settings.allowedHoursEnd())));
        }
    }

    private int hour(Instant ts) {
        return ts.atZone(settings.zone()).getHour();
    }

    private static boolean working(int hour) {
        return hour >= WORK_START && hour < WORK_END;
    }

    private boolean allowed(int hour) {
        int start = settings.allowedHoursStart();
        int end = settings.allowedHoursEnd();
        return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
    }
}
