package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Describe;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** One problem the triage engine found, with the evidence that proves it and what to do next. */
public record Finding(
        @Describe("Problem class, e.g. lock_blocking, pod_crash_loop, compound_crash") String category,
        Severity severity,
        @Describe("How sure the engine is, 0..1: 1 when the evidence is the failure itself") double confidence,
        String title,
        @Describe("The rows and values that prove it, with the threshold crossed and the setting it is relative to")
        Map<String, Object> evidence,
        @Describe("Why this matters and what usually causes it") String explanation,
        @Describe("Tools to run next, READ first") List<NextStep> nextSteps,
        @Describe("Id of the playbook for this problem class") String playbook) {

    /** Most urgent first, then most certain; ties keep the order the rules produced them in. */
    public static final Comparator<Finding> MOST_IMPORTANT_FIRST = Comparator.comparing(Finding::severity)
            .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed());

    public Finding {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
        nextSteps = List.copyOf(nextSteps);
    }

    static Finding of(String category, Severity severity, double confidence, String title, Map<String, Object> evidence,
                      String explanation, List<NextStep> nextSteps) {
        return new Finding(category, severity, confidence, title, evidence, explanation, nextSteps, "pb_" + category);
    }

    Finding withNextSteps(List<NextStep> steps) {
        return new Finding(category, severity, confidence, title, evidence, explanation, steps, playbook);
    }
}
