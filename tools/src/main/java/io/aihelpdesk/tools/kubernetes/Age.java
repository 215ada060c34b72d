package io.aihelpdesk.tools.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Kubernetes timestamps as kubectl shows them: {@code 45s}, {@code 12m}, {@code 5h3m}, {@code 3d}. */
public final class Age {
    private Age() {
    }

    /** The age of an RFC 3339 timestamp at {@code now}; "" when absent or unparseable. */
    public static String of(String timestamp, Instant now) {
        Instant t = parse(timestamp);
        return t == null ? "" : format(Duration.between(t, now));
    }

    public static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 48) {
            return h + "h" + (h < 8 && m % 60 != 0 ? (m % 60) + "m" : "");
        }
        long days = h / 24;
        return days < 730 ? days + "d" + (days < 8 && h % 24 != 0 ? (h % 24) + "h" : "") : (days / 365) + "y";
    }
}
