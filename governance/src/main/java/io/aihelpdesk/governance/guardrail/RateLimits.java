package io.aihelpdesk.governance.guardrail;

import io.aihelpdesk.governance.policy.Action;
import io.aihelpdesk.governance.policy.GuardrailSettings;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls per principal, and per principal and action class, in fixed windows (Resilience4j
 * RateLimiter, never waiting). A limiter is keyed by its settings too, so an edited limit takes
 * effect with a fresh window. A refused call is not queued; one refused by its action-class limit
 * has already used a call of its principal's budget (an agent hammering a limit slows itself down).
 */
final class RateLimits {
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Clock clock;

    RateLimits(Clock clock) {
        this.clock = clock;
    }

    Optional<Refusal> acquire(GuardrailSettings s, String principal, Action action) {
        Optional<Refusal> refused = acquire("principal " + principal, "calls", s.perPrincipal(), principal);
        if (refused.isPresent()) {
            return refused;
        }
        return acquire("principal " + principal + " " + action.label(), action.label() + " calls",
                s.perActionClass().get(action), principal);
    }

    private Optional<Refusal> acquire(String key, String what, GuardrailSettings.RateLimit limit, String principal) {
        if (limit == null) {
            return Optional.empty();
        }
        RateLimiter limiter = limiters.computeIfAbsent(key + " " + limit, k -> RateLimiter.of(k, RateLimiterConfig.custom()
                .limitForPeriod(limit.calls()).limitRefreshPeriod(Duration.ofSeconds(limit.perSeconds()))
                .timeoutDuration(Duration.ZERO).build(), () -> clock.millis() * 1_000_000L));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long waitMs = limiter instanceof AtomicRateLimiter a ? a.getDetailedMetrics().getNanosToWait() / 1_000_000 : 0;
        long retrySeconds = Math.max(1, (waitMs + 999) / 1000);
        return Optional.of(new Refusal("rate_limit", principal + " already made " + limit.calls() + " " + what
                + " in the current " + limit.perSeconds() + " s window (limit " + limit.calls() + " per "
                + limit.perSeconds() + " s)", "retry in " + retrySeconds + " s, or ask an administrator to raise "
                + "guardrails.rate_limits in the policy file"));
    }
}
