package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.audit.Verification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the auditor's rules to audit events fed in chain order. Stateful (windows, per-agent
 * counts, per-trace approvals, bounded in memory) and not thread-safe: feed it from one thread.
 */
public final class Auditor {
    private final List<Rule> rules;
    private final Clock clock;

    public Auditor(AuditorSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public Auditor(AuditorSettings settings, Clock clock) {
        this.clock = clock;
        this.rules = List.of(new VolumeRule(settings.maxEventsPerMinute()), new ClockRule(settings),
                new ApprovalRule(), new ErrorRateRule(settings), new SlowToolRule(settings), new RepeatRule(settings));
    }

    /** The alerts {@code event} raises, given every event accepted before it; empty when it is unremarkable. */
    public List<Alert> accept(AuditEvent event) {
        List<Alert> out = new ArrayList<>();
        for (Rule rule : rules) {
            rule.check(event, out);
        }
        return out;
    }

    /** Verifies the whole chain; a CRITICAL {@code chain_verification_failed} alert when it is broken. */
    public Optional<Alert> checkChain(AuditStore store) {
        Verification v = store.verify();
        if (v.valid()) {
            return Optional.empty();
        }
        return Optional.of(new Alert(Alert.Level.CRITICAL, "chain_verification_failed", "audit chain broken at "
                + v.brokenAt() + ": " + v.error() + " — the audit store was modified outside the server",
                v.brokenAt(), null, clock.instant(), Map.of("broken_at", String.valueOf(v.brokenAt()),
                        "verified_events", v.totalEvents(), "error", String.valueOf(v.error()))));
    }
}
