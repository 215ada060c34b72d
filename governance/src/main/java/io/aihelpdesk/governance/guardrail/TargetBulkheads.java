package io.aihelpdesk.governance.guardrail;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N calls in flight per target (one Resilience4j semaphore bulkhead each, never waiting).
 * A nested call (a tool run by another tool, same trace) on a target its trace already holds a
 * place on re-enters without a second place: otherwise a bundle or triage run could refuse itself.
 */
final class TargetBulkheads {
    private final Map<String, Bulkhead> bulkheads = new ConcurrentHashMap<>();
    /** trace id + target → places that trace holds there. */
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    /** A place for one call, released exactly once by {@link Place#release()}. */
    interface Place {
        void release();
    }

    record Result(Place place, Optional<Refusal> refusal) {
    }

    Result enter(int max, String target, String traceId) {
        String holder = traceId + " " + target;
        Bulkhead bulkhead = bulkheads.computeIfAbsent(target + " " + max, k -> Bulkhead.of(target, BulkheadConfig.custom()
                .maxConcurrentCalls(max).maxWaitDuration(Duration.ZERO).build()));
        boolean reentry = held.computeIfPresent(holder, (k, n) -> n + 1) != null;
        if (reentry) {
            return new Result(() -> leave(holder), Optional.empty());
        }
        if (!bulkhead.tryAcquirePermission()) {
            return new Result(null, Optional.of(new Refusal("bulkhead", target + " already has " + max + " of "
                    + max + " concurrent calls in flight (limit " + max + " per target)",
                    "retry when one of them has finished, or ask an administrator to raise guardrails.bulkhead.max_concurrent_calls")));
        }
        held.merge(holder, 1, Integer::sum);
        return new Result(() -> {
            leave(holder);
            bulkhead.onComplete();
        }, Optional.empty());
    }

    private void leave(String holder) {
        held.computeIfPresent(holder, (k, n) -> n == 1 ? null : n - 1);
    }
}
