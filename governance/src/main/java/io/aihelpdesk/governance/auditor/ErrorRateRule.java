package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.util.List;
import java.util.Map;

/**
 * {@code high_error_rate}: once an agent has made enough calls, each failing call while its share
 * of errors is above the thresholds is reported. Only calls that ran (success or error) count;
 * denied and invalid calls are the caller's or the policy's doing, not the agent's.
 */
final class ErrorRateRule implements Rule {
    private static final int AGENTS = 1_000;
    private final AuditorSettings settings;
    private final Map<String, long[]> calls = new BoundedMap<>(AGENTS);

    ErrorRateRule(AuditorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void check(AuditEvent e, List<Alert> out) {
        if (e.outcome() == null || e.tool() == null || e.tool().agent() == null) {
            return;
        }
        String status = e.outcome().status();
        boolean error = "error".equals(status);
        if (!error && !"success".equals(status)) {
            return;
        }
        long[] counts = calls.computeIfAbsent(e.tool().agent(), a -> new long[2]);
        counts[0]++;
        if (error) {
            counts[1]++;
        }
        if (!error || counts[0] < settings.errorRateMinCalls()) {
            return;
        }
        double rate = (double) counts[1] / counts[0];
        Alert.Level level = rate > settings.errorRateCritical() ? Alert.Level.CRITICAL
                : rate > settings.errorRateWarn() ? Alert.Level.WARN : null;
        if (level != null) {
            out.add(Rule.alert(e, level, "high_error_rate", String.format(java.util.Locale.ROOT,
                    "agent %s failed %d of %d calls (%.0f%%) — latest: %s", e.tool().agent(), counts[1], counts[0],
                    rate * 100, e.outcome().errorMessage()), Map.of("agent", e.tool().agent(), "errors", counts[1],
                            "calls", counts[0])));
        }
    }
}
