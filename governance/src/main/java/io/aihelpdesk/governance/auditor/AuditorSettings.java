package io.aihelpdesk.governance.auditor;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds of the {@link Auditor}'s rules, with the original's defaults. A value of 0 (or -1 for
 * the allowed hours) switches the rule off.
 *
 * @param maxEventsPerMinute     more events than this within 60 s raise {@code high_volume}; 0 = off
 * @param allowedHoursStart      first allowed hour (0–23) of tool activity; -1 = off
 * @param allowedHoursEnd        hour (1–24) at which allowed activity ends (exclusive); -1 = off
 * @param zone                   time zone of the allowed hours and of the working-day gap rule
 * @param slowWarnMs             tool durations above this raise WARN {@code slow_tool}
 * @param slowCriticalMs         tool durations above this raise CRITICAL {@code slow_tool}
 * @param errorRateMinCalls      calls of an agent needed before its error rate is judged
 * @param errorRateWarn          error share above which an agent raises WARN {@code high_error_rate}
 * @param errorRateCritical      error share above which an agent raises CRITICAL
 * @param repeatWindow           how many of a principal's previous calls are compared to the latest
 * @param repeatThreshold        identical calls among them that raise CRITICAL {@code repeated_query}
 * @param backwardsTolerance     a timestamp earlier than the latest seen by more than this is CRITICAL
 * @param maxGap                 a silence longer than this ending in working hours (08–18) is WARN
 * @param verifyInterval         how often {@link AuditorLoop} re-verifies the whole chain; zero = never
 */
public record AuditorSettings(int maxEventsPerMinute, int allowedHoursStart, int allowedHoursEnd, ZoneId zone,
        long slowWarnMs, long slowCriticalMs, int errorRateMinCalls, double errorRateWarn, double errorRateCritical,
        int repeatWindow, int repeatThreshold, Duration backwardsTolerance, Duration maxGap, Duration verifyInterval) {

    public AuditorSettings {
        List<String> problems = new ArrayList<>();
        if (maxEventsPerMinute < 0) {
            problems.add("max_events_per_minute is " + maxEventsPerMinute + " — use 0 to switch it off");
        }
        boolean hoursOff = allowedHoursStart == -1 && allowedHoursEnd == -1;
        if (!hoursOff && (allowedHoursStart < 0 || allowedHoursStart > 23 || allowedHoursEnd < 1
                || allowedHoursEnd > 24)) {
            problems.add("allowed hours " + allowedHoursStart + "–" + allowedHoursEnd
                    + " — start must be 0–23 and end 1–24, or both -1 to switch the rule off");
        }
        if (slowWarnMs < 0 || slowCriticalMs < 0) {
            problems.add("slow tool thresholds must not be negative (warn " + slowWarnMs + " ms, critical "
                    + slowCriticalMs + " ms)");
        }
        if (repeatWindow < 0 || repeatThreshold < 0) {
            problems.add("repeated query window " + repeatWindow + " / threshold " + repeatThreshold
                    + " must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid auditor settings: " + String.join("; ", problems));
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
        backwardsTolerance = backwardsTolerance == null ? Duration.ofSeconds(1) : backwardsTolerance;
        maxGap = maxGap == null ? Duration.ofHours(1) : maxGap;
        verifyInterval = verifyInterval == null ? Duration.ZERO : verifyInterval;
    }

    /** The original's defaults: 120 events/min, no allowed hours, 15 s / 30 s, 5 calls at 30 % / 50 %, 3 of 4. */
    public static AuditorSettings defaults() {
        return new AuditorSettings(120, -1, -1, ZoneId.of("UTC"), 15_000, 30_000, 5, 0.30, 0.50, 4, 3,
                Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(5));
    }

    public AuditorSettings withMaxEventsPerMinute(int value) {
        return new AuditorSettings(value, allowedHoursStart, allowedHoursEnd, zone, slowWarnMs, slowCriticalMs,
                errorRateMinCalls, errorRateWarn, errorRateCritical, repeatWindow, repeatThreshold,
                backwardsTolerance, maxGap, verifyInterval);
    }

    public AuditorSettings withAllowedHours(int start, int end, ZoneId in) {
        return new AuditorSettings(maxEventsPerMinute, start, end, in, slowWarnMs, slowCriticalMs,
                errorRateMinCalls, errorRateWarn, errorRateCritical, repeatWindow, repeatThreshold,
                backwardsTolerance, maxGap, verifyInterval);
    }

    public AuditorSettings withSlowTool(long warnMs, long criticalMs) {
        return new AuditorSettings(maxEventsPerMinute, allowedHoursStart, allowedHoursEnd, zone, warnMs, criticalMs,
                errorRateMinCalls, errorRateWarn, errorRateCritical, repeatWindow, repeatThreshold,
                backwardsTolerance, maxGap, verifyInterval);
    }

    public AuditorSettings withErrorRate(int minCalls, double warn, double critical) {
        return new AuditorSettings(maxEventsPerMinute, allowedHoursStart, allowedHoursEnd, zone, slowWarnMs,
                slowCriticalMs, minCalls, warn, critical, repeatWindow, repeatThreshold, backwardsTolerance, maxGap,
                verifyInterval);
    }

    public AuditorSettings withVerifyInterval(Duration value) {
        return new AuditorSettings(maxEventsPerMinute, allowedHoursStart, allowedHoursEnd, zone, slowWarnMs,
                slowCriticalMs, errorRateMinCalls, errorRateWarn, errorRateCritical, repeatWindow, repeatThreshold,
                backwardsTolerance, maxGap, value);
    }

    boolean hoursEnabled() {
        return allowedHoursStart >= 0 && allowedHoursEnd >= 0;
    }
}
