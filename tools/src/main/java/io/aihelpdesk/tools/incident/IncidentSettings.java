package io.aihelpdesk.tools.incident;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where incident bundles go and how they are collected and announced.
 *
 * @param dir                   bundles and their index ({@code HELPDESK_INCIDENT_DIR})
 * @param budget                default overall time budget of one bundle ({@code HELPDESK_INCIDENT_BUDGET}, seconds)
 * @param commandTimeout        limit of each OS or storage command
 * @param callbackSecret        HMAC-SHA256 key for the {@code X-Helpdesk-Signature} header of callbacks, or null
 *                              ({@code HELPDESK_CALLBACK_SECRET}; never logged, never in a bundle)
 * @param allowPrivateCallbacks allow callbacks to link-local and cloud metadata addresses
 *                              ({@code HELPDESK_CALLBACK_ALLOW_PRIVATE})
 * @param callbackAttempts      attempts in all, first included
 * @param callbackBackoff       wait before the second attempt; it doubles for each further one
 * @param serverVersion         aiHelpDesk version recorded in every manifest
 */
public record IncidentSettings(Path dir, Duration budget, Duration commandTimeout, String callbackSecret,
                               boolean allowPrivateCallbacks, int callbackAttempts, Duration callbackBackoff,
                               String serverVersion) {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    /** {@code ~/.local/state/aihelpdesk/incidents}, beside the audit database. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home", "."), ".local", "state", "aihelpdesk", "incidents");
    }

    public static IncidentSettings defaults(Path dir, String serverVersion) {
        return new IncidentSettings(dir, DEFAULT_BUDGET, Duration.ofSeconds(10), null, false, 3, Duration.ofSeconds(1),
                serverVersion);
    }

    /**
     * Settings from the environment; {@code dirFlag} (a command-line flag) wins over
     * {@code HELPDESK_INCIDENT_DIR}. Every malformed value is reported at once.
     */
    public static IncidentSettings fromEnvironment(UnaryOperator<String> env, Path dirFlag, String serverVersion) {
        List<String> problems = new ArrayList<>();
        String dirVar = env.apply("HELPDESK_INCIDENT_DIR");
        Path dir = dirFlag != null ? dirFlag : dirVar == null || dirVar.isBlank() ? defaultDir() : Path.of(dirVar);
        Duration budget = DEFAULT_BUDGET;
        String b = env.apply("HELPDESK_INCIDENT_BUDGET");
        if (b != null && !b.isBlank()) {
            if (b.trim().matches("\\d{1,4}") && Integer.parseInt(b.trim()) >= 1) {
                budget = Duration.ofSeconds(Integer.parseInt(b.trim()));
            } else {
                problems.add("HELPDESK_INCIDENT_BUDGET must be whole seconds between 1 and 9999, got '" + b + "'");
            }
        }
        String allow = env.apply("HELPDESK_CALLBACK_ALLOW_PRIVATE");
        if (allow != null && !allow.isBlank() && !allow.equalsIgnoreCase("true") && !allow.equalsIgnoreCase("false")) {
            problems.add("HELPDESK_CALLBACK_ALLOW_PRIVATE must be true or false, got '" + allow + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        String secret = env.apply("HELPDESK_CALLBACK_SECRET");
        return new IncidentSettings(dir, budget, Duration.ofSeconds(10), secret == null || secret.isEmpty() ? null : secret,
                "true".equalsIgnoreCase(allow), 3, Duration.ofSeconds(1), serverVersion);
    }

    public IncidentSettings withCallbacks(String secret, boolean allowPrivate, int attempts, Duration backoff) {
        return new IncidentSettings(dir, budget, commandTimeout, secret, allowPrivate, attempts, backoff, serverVersion);
    }

    /** Never shows the callback secret. */
    @Override
    public String toString() {
        return "IncidentSettings[dir=" + dir + ", budget=" + budget + ", commandTimeout=" + commandTimeout
                + ", callbackSecret=" + (callbackSecret == null ? "none" : "set") + ", allowPrivateCallbacks="
                + allowPrivateCallbacks + ", callbackAttempts=" + callbackAttempts + ", callbackBackoff=" + callbackBackoff
                + ", serverVersion=" + serverVersion + "]";
    }
}
