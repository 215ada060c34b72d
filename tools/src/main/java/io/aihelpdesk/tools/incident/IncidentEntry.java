package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Describe;
import java.util.List;

/** One incident as the index lists it. */
public record IncidentEntry(
        String incidentId,
        String infraKey,
        String description,
        @Describe("When collection started (UTC, ISO-8601)") String timestamp,
        @Describe("Bundle file name in the incident directory") String bundle,
        List<String> layers,
        int errorCount,
        @Describe("True when the time budget cut part of the collection") boolean partial,
        long sizeBytes) {
}
