package io.aihelpdesk.server.console;

import static io.aihelpdesk.server.console.Html.esc;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Incident bundles: the list ({@code list_incidents}), one bundle's manifest and summary
 * ({@code get_incident}) and the download of its tar.gz. Every read runs the tool through the
 * governance {@link Pipeline} as the signed-in principal, so it is governed and audited like the
 * MCP resources and the REST routes; the download streams the file {@code get_incident} names.
 */
final class IncidentsPage {
    private final Pipeline pipeline;
    private final Path directory;

    IncidentsPage(Pipeline pipeline, Path directory) {
        this.pipeline = pipeline;
        this.directory = directory;
    }

    private Outcome run(String tool, Map<String, Object> args, Caller caller) {
        return pipeline.run(new Invocation(tool, args, caller, null, FleetPage.DOOR));
    }

    String list(Caller caller) {
        StringBuilder b = new StringBuilder("<h1>Incidents</h1>");
        Outcome o = run("list_incidents", Map.of(), caller);
        if (!(o instanceof Outcome.Succeeded s)) {
            return b.append(refusal(o)).toString();
        }
        List<?> incidents = s.data().get("incidents") instanceof List<?> l ? l : List.of();
        b.append("<p class=\"hint\">Directory <code>").append(esc(s.data().get("directory"))).append("</code>; bundles are written by ")
                .append("<code>create_incident_bundle</code> (MCP, <code>POST /api/v1/incidents</code>, <code>helpdesk bundle create</code>).</p>");
        if (incidents.isEmpty()) {
            return b.append("<p class=\"empty\">No incident bundles yet.</p>").toString();
        }
        b.append("<table class=\"list\"><thead><tr><th>Incident</th><th>When</th><th>Infra key</th><th>Description</th>")
                .append("<th>Layers</th><th>Errors</th><th>Size</th><th></th></tr></thead><tbody>");
        for (Object item : incidents) {
            Map<?, ?> i = (Map<?, ?>) item;
            String id = String.valueOf(i.get("incident_id"));
            b.append("<tr data-incident=\"").append(esc(id)).append("\"><td><a href=\"/console/incidents/").append(esc(Html.url(id)))
                    .append("\"><code>").append(esc(id)).append("</code></a>").append(Boolean.TRUE.equals(i.get("partial")) ? " <span class=\"badge partial\">partial</span>" : "")
                    .append("</td><td>").append(esc(i.get("timestamp"))).append("</td><td>").append(esc(i.get("infra_key")))
                    .append("</td><td>").append(esc(i.get("description"))).append("</td><td>").append(esc(i.get("layers")))
                    .append("</td><td>").append(esc(i.get("error_count"))).append("</td><td>").append(esc(i.get("size_bytes")))
                    .append(" B</td><td><a href=\"/console/incidents/").append(esc(Html.url(id))).append("/download\">download</a></td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    String show(String id, Caller caller) {
        StringBuilder b = new StringBuilder("<h1>Incident <code>").append(esc(id)).append("</code></h1>");
        Outcome o = run("get_incident", Map.of("incident_id", id), caller);
        if (!(o instanceof Outcome.Succeeded s)) {
            return b.append(refusal(o)).toString();
        }
        b.append("<p><a class=\"button\" href=\"/console/incidents/").append(esc(Html.url(id))).append("/download\">Download bundle (tar.gz)</a></p>")
                .append("<h2>Summary</h2><pre class=\"text\" id=\"summary\">").append(esc(s.data().get("summary"))).append("</pre>")
                .append("<h2>Manifest</h2><pre class=\"text\" id=\"manifest\">").append(esc(Json.writePretty(s.data().get("manifest")))).append("</pre>");
        if (s.data().get("files") instanceof List<?> files) {
            b.append("<h2>Files</h2><ul>");
            files.forEach(f -> b.append("<li><code>").append(esc(f)).append("</code></li>"));
            b.append("</ul>");
        }
        return b.toString();
    }

    /** The bundle file to download, after {@code get_incident} ran through the pipeline; else the refusal text. */
    Download download(String id, Caller caller) {
        Outcome o = run("get_incident", Map.of("incident_id", id), caller);
        if (!(o instanceof Outcome.Succeeded s) || !(s.data().get("bundle_path") instanceof String path)) {
            return new Download(null, o.text());
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        if (!file.startsWith(directory.toAbsolutePath().normalize()) || !Files.isRegularFile(file)) {
            return new Download(null, "the bundle of incident " + id + " is not a file in the incident directory " + directory.toAbsolutePath());
        }
        return new Download(file, null);
    }

    record Download(Path file, String refusal) {
    }

    private static String refusal(Outcome o) {
        return "<p class=\"notice error\">" + esc(o.text()) + "</p>";
    }
}
