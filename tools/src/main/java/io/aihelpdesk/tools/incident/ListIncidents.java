package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.List;

/** {@code list_incidents}: the bundles in the incident directory, newest first. */
public final class ListIncidents {
    private ListIncidents() {
    }

    public record Params() {
    }

    public record Reply(
            List<IncidentEntry> incidents,
            int count,
            @Describe("The incident directory (HELPDESK_INCIDENT_DIR)") String directory) {
    }

    static ToolDefinition<Params, Reply> definition(IncidentStore store) {
        return new ToolDefinition<>("list_incidents",
                "List the incident bundles this server has written, newest first: id, infra key, description, "
                        + "time, bundle file, layers, error count, whether the time budget cut it, and size.",
                Effect.READ, TargetKind.HOST, Params.class, Reply.class, (p, ctx) -> {
                    List<IncidentEntry> all = store.list();
                    return Result.of(new Reply(all, all.size(), store.dir().toAbsolutePath().toString()),
                            all.isEmpty() ? "No incident bundles in " + store.dir().toAbsolutePath() + "."
                                    : all.size() + " incident bundle" + (all.size() == 1 ? "" : "s") + " in "
                                    + store.dir().toAbsolutePath() + ", newest " + all.get(0).incidentId() + " at "
                                    + all.get(0).timestamp() + ".");
                });
    }
}
