package io.aihelpdesk.governance.guardrail;

import io.aihelpdesk.governance.policy.GuardrailSettings;
import io.aihelpdesk.tools.Outcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Resilience4j circuit breaker per target. Only "the target did not answer" counts as a failure
 * (refused, unresolvable, unreachable, timed out); a denial, an invalid call or an SQL error is the
 * target answering. The circuit opens after N such failures in a row (a count window of N that must
 * be all failures), stays open for the configured seconds, then lets one trial call through.
 */
final class TargetCircuits {
    /** Diagnosis codes meaning the target was unreachable or did not answer in time. */
    static final Set<String> UNREACHABLE = Set.of("connection_refused", "host_unknown", "host_unreachable",
            "connect_timeout", "connection_failed", "connection_terminated", "server_not_ready", "k8s_unreachable", "k8s_timeout");
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
    private final Clock clock;

    TargetCircuits(Clock clock) {
        this.clock = clock;
    }

    /** A circuit with its opening time and the failure that opened it, for the refusal message. */
    static final class Circuit {
        final CircuitBreaker breaker;
        final GuardrailSettings.Breaker settings;
        volatile Instant openedAt;
        volatile String lastFailure = "";
        volatile long lastEntered;

        Circuit(CircuitBreaker breaker, GuardrailSettings.Breaker settings) {
            this.breaker = breaker;
            this.settings = settings;
        }

        void finished(Outcome o, boolean ran) {
            if (!ran || o == null) {
                breaker.releasePermission(); // nothing reached the target, or nothing is known about it
            } else if (o instanceof Outcome.Failed f && UNREACHABLE.contains(f.diagnosis().code())) {
                lastFailure = f.diagnosis().code();
                breaker.onError(o.durationMs(), TimeUnit.MILLISECONDS, new IllegalStateException(lastFailure));
            } else {
                breaker.onSuccess(o.durationMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The circuit of {@code target} with permission for one call, or the refusal while it is open. */
    Result enter(GuardrailSettings.Breaker s, String target) {
        Circuit c = circuits.computeIfAbsent(target + " " + s, k -> create(s, target));
        c.lastEntered = System.nanoTime();
        if (c.breaker.tryAcquirePermission()) {
            return new Result(c, Optional.empty());
        }
        if (c.breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
            return new Result(null, Optional.of(new Refusal("circuit_breaker", "the circuit of " + target
                    + " is half-open: one trial call is checking whether it answers again",
                    "retry in a few seconds")));
        }
        Instant opened = c.openedAt == null ? clock.instant() : c.openedAt;
        Instant retry = opened.plusSeconds(s.openSeconds());
        long in = Math.max(0, Duration.between(clock.instant(), retry).toSeconds());
        return new Result(null, Optional.of(new Refusal("circuit_breaker", "the circuit of " + target + " is open after "
                + s.consecutiveFailures() + " consecutive failures (last: " + c.lastFailure + "); calls are refused until "
                + retry + " (in " + in + " s), then one trial call is let through",
                "check that the target is up and reachable; the circuit closes again after a successful call")));
    }

    /**
     * Each target's state; a target whose guardrail settings changed (a policy reload) has a circuit
     * per settings, and the one entered last wins.
     */
    Map<String, String> states() {
        Map<String, Circuit> latest = new java.util.TreeMap<>();
        circuits.values().forEach(c -> latest.merge(c.breaker.getName(), c, (a, b) -> a.lastEntered - b.lastEntered >= 0 ? a : b));
        Map<String, String> states = new java.util.TreeMap<>();
        latest.forEach((target, c) -> states.put(target, c.breaker.getState().name().toLowerCase(java.util.Locale.ROOT)));
        return states;
    }

    record Result(Circuit circuit, Optional<Refusal> refusal) {
    }

    private Circuit create(GuardrailSettings.Breaker s, String target) {
        CircuitBreaker breaker = CircuitBreaker.of(target, CircuitBreakerConfig.custom()
                .slidingWindow(s.consecutiveFailures(), s.consecutiveFailures(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofSeconds(s.openSeconds()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
        Circuit c = new Circuit(breaker, s);
        breaker.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                c.openedAt = clock.instant();
            }
        });
        return c;
    }
}
