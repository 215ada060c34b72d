package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.util.List;
import java.util.Map;

/** {@code slow_tool}: a finished call that took longer than the warn or critical threshold. */
final class SlowToolRule implements Rule {
    private final AuditorSettings settings;

    SlowToolRule(AuditorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void check(AuditEvent e, List<Alert> out) {
        Long ms = e.outcome() != null && e.outcome().durationMs() != null ? e.outcome().durationMs()
                : e.outcome() != null && e.tool() != null ? e.tool().durationMs() : null;
        if (ms == null) {
            return;
        }
        Alert.Level level = settings.slowCriticalMs() > 0 && ms > settings.slowCriticalMs() ? Alert.Level.CRITICAL
                : settings.slowWarnMs() > 0 && ms > settings.slowWarnMs() ? Alert.Level.WARN : null;
        if (level != null) {
            long limit = level == Alert.Level.CRITICAL ? settings.slowCriticalMs() : settings.slowWarnMs();
            out.add(Rule.alert(e, level, "slow_tool", "tool " + Rule.toolName(e) + " took " + ms + " ms (limit "
                    + limit + " ms)", Map.of("tool", String.valueOf(Rule.toolName(e)), "duration_ms", ms,
                            "limit_ms", limit)));
        }
    }
}
