package io.aihelpdesk.tools.kubernetes.events;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code get_events}: recent events, newest first, optionally about one object or of one type. */
public final class GetEvents {
    static final int LIMIT = 200;

    private GetEvents() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace,
            @Param("Only events whose object name contains this text (e.g. a pod or PVC name)") String resourceName,
            @Param(value = "Only events of this type", allowed = {"Normal", "Warning"}) String eventType) {
    }

    public record Reply(List<EventRow> events, int count, boolean truncated) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_events",
                "List Kubernetes events, newest first: type, reason, message, the object (Kind/name), source, first and "
                        + "last seen, count. Filter by object name (substring) and type (Warning shows problems: "
                        + "FailedScheduling, BackOff, Failed image pulls, ProvisioningFailed). At most 200.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetEvents::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) {
        KubernetesTarget t = ctx.cluster();
        List<Event> items = t.allNamespaces() ? ctx.kubernetes().v1().events().inAnyNamespace().list().getItems()
                : ctx.kubernetes().v1().events().inNamespace(t.namespace()).list().getItems();
        Instant now = Instant.now();
        String name = p.resourceName() == null ? "" : p.resourceName().toLowerCase(Locale.ROOT);
        List<EventRow> rows = items.stream()
                .filter(e -> name.isEmpty() || (e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null
                        && e.getInvolvedObject().getName().toLowerCase(Locale.ROOT).contains(name)))
                .filter(e -> p.eventType() == null || p.eventType().isEmpty() || p.eventType().equalsIgnoreCase(e.getType()))
                .map(e -> EventRow.of(e, now)).sorted(EventRow.NEWEST_FIRST).toList();
        boolean truncated = rows.size() > LIMIT;
        Reply r = new Reply(truncated ? rows.subList(0, LIMIT) : rows, Math.min(rows.size(), LIMIT), truncated);
        return Result.of(r, summary(r, t));
    }

    static String summary(Reply r, KubernetesTarget t) {
        if (r.count() == 0) {
            return "No events found in " + t.display() + ".";
        }
        long warnings = r.events().stream().filter(e -> "Warning".equals(e.type())).count();
        EventRow newest = r.events().get(0);
        return r.count() + " event" + (r.count() == 1 ? "" : "s") + " in " + t.display() + " (" + warnings + " warning"
                + (warnings == 1 ? "" : "s") + "); newest: " + newest.reason() + " on " + newest.object() + ": " + newest.message();
    }
}
