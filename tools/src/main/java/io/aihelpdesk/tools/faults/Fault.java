package io.aihelpdesk.tools.faults;

import java.time.Duration;

/**
 * One fault scenario of the catalog, in the original's schema: how to inject it, how to tear it
 * down, the prompt an agent gets, and how its answer is scored.
 */
public record Fault(String id, String name, String category, String severity, String description, Step inject,
                    Step teardown, String prompt, Evaluation evaluation, Duration timeout) {

    /** The prompt with its placeholders ({@code {{connection_string}}}, {@code {{namespace}}}) filled in. */
    public String prompt(String connectionString, String namespace) {
        return prompt.replace("{{connection_string}}", connectionString).replace("{{namespace}}", namespace).trim();
    }

    /** The diagnose focus the original's routing implies: database → db agent, kubernetes → k8s agent, compound → both. */
    public String focus() {
        return switch (category) {
            case "database" -> "database";
            case "kubernetes" -> "kubernetes";
            default -> "all";
        };
    }
}
