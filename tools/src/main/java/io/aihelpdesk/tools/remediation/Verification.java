package io.aihelpdesk.tools.remediation;

import java.time.Duration;

/**
 * Whether a remediation was observed to take effect, and what was observed. A tool acts, then polls
 * the system a bounded number of times: a change that has not shown after the last attempt is
 * reported as {@code verified=false} with the last observation, never as an error (the action itself
 * was accepted).
 */
public record Verification(boolean verified, String evidence, int attempts) {
    /** Polling for a database change: up to 20 looks, 100 ms apart (about 2 s). */
    public static final Patience DATABASE = new Patience(20, Duration.ofMillis(100));
    /** Polling for a Kubernetes change: up to 20 looks, 250 ms apart (about 5 s). */
    public static final Patience KUBERNETES = new Patience(20, Duration.ofMillis(250));

    /** How often and how far apart to look. */
    public record Patience(int attempts, Duration delay) {
    }

    /** One look at the system: has the change shown, and what was seen. */
    public record Observation(boolean done, String evidence) {
        public static Observation done(String evidence) {
            return new Observation(true, evidence);
        }

        public static Observation pending(String evidence) {
            return new Observation(false, evidence);
        }
    }

    /** Looks at the system once; an exception counts as "not yet" with its message as the evidence. */
    @FunctionalInterface
    public interface Probe {
        Observation look() throws Exception;
    }

    /** Looks until the probe reports the change or the attempts run out. */
    public static Verification poll(Patience patience, Probe probe) {
        Observation last = Observation.pending("not observed");
        for (int attempt = 1; attempt <= patience.attempts(); attempt++) {
            try {
                last = probe.look();
            } catch (Exception e) {
                last = Observation.pending("check failed: " + e.getMessage());
            }
            if (last.done()) {
                return new Verification(true, last.evidence(), attempt);
            }
            if (attempt < patience.attempts()) {
                try {
                    Thread.sleep(patience.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Verification(false, last.evidence() + " (verification interrupted)", attempt);
                }
            }
        }
        return new Verification(false, last.evidence() + " (still so after " + patience.attempts() + " checks over "
                + patience.delay().multipliedBy(patience.attempts() - 1L).toMillis() + " ms)", patience.attempts());
    }
}
