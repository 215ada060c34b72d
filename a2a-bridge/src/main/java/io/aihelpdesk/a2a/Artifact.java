package io.aihelpdesk.a2a;

import java.util.List;

/** A result of a task: a tool's structured data and its text, or the chat's answer. */
public record Artifact(String artifactId, String name, String description, List<Part> parts) {
    public Artifact {
        parts = List.copyOf(parts);
    }
}
