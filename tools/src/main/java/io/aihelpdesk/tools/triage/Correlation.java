package io.aihelpdesk.tools.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Causes that span the database and the cluster, stated as one finding: the database is
 * unreachable <em>because</em> its pods crash, or because its service has no endpoints.
 */
final class Correlation {
    private Correlation() {
    }

    static List<Finding> compound(List<Finding> findings) {
        Optional<Finding> down = first(findings, "connection_refused");
        if (down.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        Optional<Finding> crash = first(findings, "pod_crash_loop").or(() -> first(findings, "oom_killed"));
        crash.ifPresent(c -> out.add(Finding.of("compound_crash", Severity.CRITICAL, 1.0,
                "Database unreachable because its pod is crashing: " + c.title(), both(down.get(), c),
                "The connection failure and the crash loop are one incident: the database process keeps exiting, so "
                        + "nothing listens on its address between restarts. Fix the crash (its previous logs say why) and "
                        + "connections recover.", steps(c, down.get()))));
        Optional<Finding> noBackends = first(findings, "no_endpoints").or(() -> first(findings, "scaled_to_zero"));
        noBackends.ifPresent(n -> out.add(Finding.of("compound_no_endpoints", Severity.CRITICAL, crash.isPresent() ? 0.9 : 1.0,
                "Database unreachable because its service has no ready endpoints: " + n.title(), both(down.get(), n),
                "Clients reach the database through the service, and the service routes to no pod: connections time out "
                        + "or are refused although PostgreSQL itself may be fine. Fix the selector (or the replicas) and "
                        + "connections recover.", steps(n, down.get()))));
        return out;
    }

    private static Map<String, Object> both(Finding database, Finding cluster) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("database", database.title());
        ev.put("database_evidence", database.evidence());
        ev.put("kubernetes", cluster.title());
        ev.put("kubernetes_evidence", cluster.evidence());
        ev.put("threshold", "both at once: " + database.category() + " and " + cluster.category());
        return ev;
    }

    private static List<NextStep> steps(Finding first, Finding then) {
        List<NextStep> out = new ArrayList<>(first.nextSteps());
        out.addAll(then.nextSteps());
        return out;
    }

    private static Optional<Finding> first(List<Finding> findings, String category) {
        return findings.stream().filter(f -> f.category().equals(category)).findFirst();
    }
}
