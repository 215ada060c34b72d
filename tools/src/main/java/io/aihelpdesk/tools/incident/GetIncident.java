package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code get_incident}: one bundle's manifest and summary, or one of its files. */
public final class GetIncident {
    /** Largest file returned whole; longer ones are cut with a note (the bundle keeps them whole). */
    static final int MAX_FILE_CHARS = 200_000;

    private GetIncident() {
    }

    public record Params(
            @Param(value = "Incident id (8 hex digits, from create_incident_bundle or list_incidents)", required = true)
            String incidentId,
            @Param("Path of one file inside the bundle to return, e.g. database/get_lock_info.txt; empty returns the "
                    + "manifest and summary")
            String file) {
        public Params {
            if (incidentId != null && !incidentId.matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("incident_id: must be 8 lower-case hex digits, got '"
                        + (incidentId.length() > 20 ? incidentId.substring(0, 20) + "…" : incidentId) + "'");
            }
        }
    }

    public record Reply(
            String incidentId,
            @Describe("Absolute path of the tar.gz") String bundlePath,
            @Describe("manifest.json: layers, files with size and SHA-256, errors, cut items, versions, redaction count "
                    + "(null when a file was asked for)")
            Map<String, Object> manifest,
            @Describe("summary.md (null when a file was asked for)") String summary,
            @Describe("Paths of the files in the bundle (null when a file was asked for)") List<String> files,
            @Describe("The file asked for, when one was") String file,
            @Describe("Its content (text), when a file was asked for") String content,
            @Describe("True when the content was cut to fit the reply") boolean contentTruncated) {
    }

    static ToolDefinition<Params, Reply> definition(IncidentStore store) {
        return new ToolDefinition<>("get_incident",
                "Read one incident bundle: its manifest (layers, files with size and SHA-256, errors, what the time "
                        + "budget cut, versions) and summary, or, with file, one collected file such as "
                        + "database/get_lock_info.txt.",
                Effect.READ, TargetKind.HOST, Params.class, Reply.class, (p, ctx) -> {
                    IncidentStore.Opened o = store.open(p.incidentId());
                    String summary = text(o.files().get("summary.md"));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> manifest = Json.mapper().convertValue(o.manifest(), Map.class);
                    List<String> paths = List.copyOf(o.files().keySet());
                    String path = p.file() == null ? "" : p.file().trim();
                    if (path.isEmpty()) {
                        return Result.of(new Reply(o.entry().incidentId(), o.bundle().toAbsolutePath().toString(), manifest,
                                summary, paths, null, null, false), summary);
                    }
                    byte[] data = o.files().get(path);
                    if (data == null) {
                        throw new ToolFailure(new Diagnosis("incident_file_not_found", "incident " + p.incidentId()
                                + " has no file " + path, "its files are: " + paths, ""));
                    }
                    String content = text(data);
                    boolean cut = content.length() > MAX_FILE_CHARS;
                    String shown = cut ? content.substring(0, MAX_FILE_CHARS) : content;
                    // A file read returns the file only: the manifest and summary are one call away.
                    return Result.of(new Reply(o.entry().incidentId(), o.bundle().toAbsolutePath().toString(), null, null,
                            null, path, shown, cut), shown + (cut ? "\n[… cut at " + MAX_FILE_CHARS + " characters]" : ""));
                });
    }

    private static String text(byte[] data) {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }
}
