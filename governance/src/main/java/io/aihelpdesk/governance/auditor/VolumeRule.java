package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** {@code high_volume}: more than the allowed events within any 60 s; fires once per burst. */
final class VolumeRule implements Rule {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final int max;
    private final Deque<Instant> window = new ArrayDeque<>();
    private boolean inBurst;

    VolumeRule(int max) {
        this.max = max;
    }

    @Override
    public void check(AuditEvent e, List<Alert> out) {
        if (max <= 0) {
            return;
        }
        Instant horizon = e.timestamp().minus(WINDOW);
        while (!window.isEmpty() && !window.peekFirst().isAfter(horizon)) {
            window.pollFirst();
        }
        window.addLast(e.timestamp());
        if (window.size() <= max) {
            inBurst = false;
            return;
        }
        if (!inBurst) {
            inBurst = true;
            out.add(Rule.alert(e, Alert.Level.CRITICAL, "high_volume", window.size()
                    + " audit events within 60 s exceed the limit of " + max + " per minute — check for a runaway agent",
                    Map.of("events_in_window", window.size(), "limit", max)));
        }
    }
}
