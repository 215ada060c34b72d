package io.aihelpdesk.governance.auditor;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finding of the {@link Auditor}: which rule fired, how bad it is, and the event that made it
 * fire. {@code timestamp} is that event's timestamp (or the check's time for chain verification).
 */
public record Alert(Level level, String rule, String message, String eventId, String traceId, Instant timestamp,
        Map<String, Object> details) {

    public enum Level {
        WARN, CRITICAL;

        /** {@code warn} or {@code critical}, as used in metric labels. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(level, "level is required");
        Objects.requireNonNull(rule, "rule is required");
        Objects.requireNonNull(message, "message is required");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public boolean critical() {
        return level == Level.CRITICAL;
    }
}
