package io.aihelpdesk.governance.compliance;

import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.audit.Verification;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an auditor asks of a period, answered from the audit chain alone: how many calls by action
 * class, principal, target and outcome; every denial, and denials by cause (policy or which
 * guardrail); every WRITE/DESTRUCTIVE call with its
 * approval chain and verification; whether the chain is intact; which policy versions decided.
 * Counts are ordered largest first (ties by name).
 *
 * @param from inclusive
 * @param to   exclusive
 */
public record ComplianceReport(Instant from, Instant to, Instant generatedAt, long totalCalls,
                               Map<String, Long> byActionClass, Map<String, Long> byPrincipal, Map<String, Long> byTarget,
                               Map<String, Long> byOutcome, Map<String, Long> denialsByCause, List<Call> denials,
                               List<Call> changes, ChainCheck chain,
                               List<PolicyVersion> policyVersions, List<Call> calls) {

    /** Reads the period's events from {@code store} and verifies the whole chain. */
    public static ComplianceReport collect(AuditStore store, Instant from, Instant to, Instant generatedAt) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        AuditLog log = AuditLog.read(store, from, to);
        List<Call> calls = log.calls();
        List<Call> denials = calls.stream().filter(c -> c.outcome().equals("denied")).toList();
        Verification v = store.verify();
        return new ComplianceReport(from, to, generatedAt, calls.size(),
                count(calls, Call::actionClass), count(calls, Call::principal), count(calls, Call::target),
                count(calls, Call::outcome), count(denials, Call::denialCause), denials,
                calls.stream().filter(Call::isChange).toList(),
                new ChainCheck(v.valid(), v.totalEvents(), v.lastEventId(), v.brokenAt(), v.error()),
                log.versions(), calls);
    }

    private static Map<String, Long> count(List<Call> calls, Function<Call, String> key) {
        Map<String, Long> counts = calls.stream().collect(Collectors.groupingBy(c -> key.apply(c).isEmpty() ? "-" : key.apply(c),
                Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
