package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.ToolDefinition;
import java.util.List;

/**
 * The incident tools: {@code create_incident_bundle}, {@code list_incidents} and
 * {@code get_incident}, sharing one incident directory and its index.
 */
public final class IncidentToolset {
    private IncidentToolset() {
    }

    /**
     * @param redaction how collected text is masked (the server passes governance's redactor)
     */
    public static List<ToolDefinition<?, ?>> all(IncidentSettings settings, Redaction redaction) {
        IncidentStore store = new IncidentStore(settings.dir());
        return List.of(
                CreateIncidentBundle.definition(settings, store, redaction),
                ListIncidents.definition(store),
                GetIncident.definition(store));
    }
}
