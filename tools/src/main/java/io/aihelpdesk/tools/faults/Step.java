package io.aihelpdesk.tools.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One inject or teardown step of a fault, as the catalog states it: the injector {@code type}
 * ({@code sql}, {@code connections}, {@code process}, {@code config}, {@code replication},
 * {@code kubernetes}, or {@code compound} of several), its scalar options, the SQL scripts run each
 * from its own held session ({@code sessions}), and the sub-steps of a compound.
 */
public record Step(String type, Map<String, String> options, List<String> sessions, List<Step> steps) {
    public Step {
        options = Map.copyOf(options);
        sessions = List.copyOf(sessions);
        steps = List.copyOf(steps);
    }

    public String option(String key, String dflt) {
        return options.getOrDefault(key, dflt);
    }

    /** How long the injector lets its sessions run before the fault counts as in place (option {@code settle}). */
    public Duration settle() {
        return FaultCatalog.duration(options.getOrDefault("settle", "1s"));
    }
}
