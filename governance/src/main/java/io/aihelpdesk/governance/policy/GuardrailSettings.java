package io.aihelpdesk.governance.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code guardrails} section of a policy file: hard limits that no policy verdict and no
 * approval overrides. Absent parts (null, empty) mean "no such limit".
 *
 * @param blastRadius          unit ({@code rows}, {@code sessions}, {@code pods}) → most one call may affect
 * @param perPrincipal         calls one principal may make per window, any action class; null = unlimited
 * @param perActionClass       calls of one action class one principal may make per window
 * @param circuitBreaker       when a target's circuit opens; null = no circuit breaking
 * @param maxConcurrentCalls   bulkhead: calls in flight per target; null = unlimited
 * @param dryRunFirstMinutes   a DESTRUCTIVE call needs a matching dry run this recent; null = not required
 */
public record GuardrailSettings(Map<String, Long> blastRadius, RateLimit perPrincipal, Map<Action, RateLimit> perActionClass,
                                Breaker circuitBreaker, Integer maxConcurrentCalls, List<Protection> protectedResources,
                                Integer dryRunFirstMinutes, List<Freeze> freezes) {
    public static final GuardrailSettings NONE = new GuardrailSettings(Map.of(), null, Map.of(), null, null, List.of(), null,
            List.of());

    public GuardrailSettings {
        blastRadius = Map.copyOf(blastRadius);
        perActionClass = Map.copyOf(perActionClass);
        protectedResources = List.copyOf(protectedResources);
        freezes = List.copyOf(freezes);
    }

    /** At most {@code calls} calls per {@code perSeconds} seconds. */
    public record RateLimit(int calls, int perSeconds) {
    }

    /** A target's circuit opens after {@code consecutiveFailures} unreachable/timed-out calls, for {@code openSeconds}. */
    public record Breaker(int consecutiveFailures, int openSeconds) {
    }

    /** A protected resource: on what matches, only the {@code allow}ed action classes run. */
    public static final class Protection {
        private final ResourceEntry match;
        private final Set<Action> allow;
        private final int line;

        Protection(ResourceEntry match, Set<Action> allow, int line) {
            this.match = match;
            this.allow = Set.copyOf(allow);
            this.line = line;
        }

        public boolean covers(Resource r) {
            return match.mismatch(r) == null;
        }

        public boolean allows(Action a) {
            return allow.contains(a);
        }

        public Set<Action> allowed() {
            return allow;
        }

        /** Where the entry is, for messages: {@code protected_resources entry at line 12}. */
        public String where() {
            return "protected_resources entry at line " + line;
        }
    }

    /**
     * A change freeze: while it is in force (inside {@code from}..{@code until} when given, and in its
     * schedule when given), only the {@code allow}ed action classes run.
     */
    public static final class Freeze {
        private final String name;
        private final String message;
        private final Schedule schedule;
        private final Instant from;
        private final Instant until;
        private final Set<Action> allow;

        Freeze(String name, String message, Schedule schedule, Instant from, Instant until, Set<Action> allow) {
            this.name = name;
            this.message = message;
            this.schedule = schedule;
            this.from = from;
            this.until = until;
            this.allow = Set.copyOf(allow);
        }

        public String name() {
            return name;
        }

        /** The reason the file gives, or null. */
        public String message() {
            return message;
        }

        public boolean activeAt(Instant at) {
            return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until))
                    && (schedule == null || schedule.activeAt(at));
        }

        public boolean allows(Action a) {
            return allow.contains(a);
        }

        public Set<Action> allowed() {
            return allow;
        }

        /** When it applies, e.g. {@code fri 16-24 Europe/Paris, from 2026-12-20T00:00:00Z until 2027-01-05T00:00:00Z}. */
        public String window() {
            StringBuilder s = new StringBuilder();
            if (schedule != null) {
                s.append(schedule.describe()).append(' ').append(schedule.zone().getId());
            }
            if (from != null) {
                s.append(s.length() == 0 ? "" : ", ").append("from ").append(from);
            }
            if (until != null) {
                s.append(s.length() == 0 ? "" : ", ").append("until ").append(until);
            }
            return s.length() == 0 ? "always" : s.toString();
        }
    }
}
