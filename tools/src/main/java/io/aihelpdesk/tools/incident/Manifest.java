package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Describe;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: what a bundle holds and how its collection went. Every file except the
 * manifest itself is listed with its size and SHA-256, so a recipient can check the bundle.
 */
public record Manifest(
        String incidentId,
        String infraKey,
        String description,
        @Describe("When collection started (UTC, ISO-8601)") String timestamp,
        @Describe("Layers requested, in collection order") List<String> layers,
        @Describe("Per layer: collected, skipped (why), or cut (time budget)") Map<String, String> layerStatus,
        List<FileEntry> files,
        @Describe("Items that failed; their error text is also in the bundle") List<ItemError> errors,
        @Describe("Commands that are not installed on this host") List<ItemError> notInstalled,
        @Describe("Items not collected because the time budget ran out") List<String> cut,
        @Describe("True when the time budget cut something") boolean partial,
        long budgetMs,
        long durationMs,
        @Describe("aihelpdesk, java, os and (when reachable) postgresql versions") Map<String, String> versions,
        @Describe("Tools run to collect this bundle (each audited as its own event)") List<String> tools,
        Redacted redaction,
        @Describe("The triage engine's most important findings above info (all of them: triage/diagnose.json)")
        List<TopFinding> findings,
        @Describe("Why there are no findings when the engine did not run, else null") String findingsNote) {

    /** One file of the bundle, by its path inside the bundle's root directory. */
    public record FileEntry(String path, long size, String sha256) {
    }

    /** A failed or missing item ({@code layer/name}) and why. */
    public record ItemError(String item, String message) {
    }

    /** One finding of the triage engine, as the summary lists it. */
    public record TopFinding(String severity, String category, String title) {
    }

    /** How many secrets were masked, in all and per file. */
    public record Redacted(long masked, Map<String, Long> files) {
    }
}
