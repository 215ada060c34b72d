package io.aihelpdesk.tools.kubernetes.storage;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Lookup;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.aihelpdesk.tools.kubernetes.events.EventRow;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code get_pvcs}: persistent volume claims, and for those not bound, the events that say why. */
public final class GetPvcs {
    static final int LIMIT = 500;
    static final String KIND = "PersistentVolumeClaim";

    private GetPvcs() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace,
            @Param("Only this claim; with namespace=all, in every namespace") String name) {
    }

    public record Reply(List<PvcRow> claims, int count, boolean truncated) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_pvcs",
                "List PersistentVolumeClaims: phase, storage class, requested size, bound capacity and volume, access "
                        + "modes, age, and for claims that are not Bound their events (ProvisioningFailed with the "
                        + "provisioner's reason). Use when a pod is Pending on its volume.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetPvcs::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        KubernetesTarget t = ctx.cluster();
        KubernetesClient client = ctx.kubernetes();
        var claims = client.persistentVolumeClaims();
        List<PersistentVolumeClaim> items;
        if (p.name() != null && !p.name().isBlank()) {
            items = Lookup.namedAnywhere(client, claims, t, "persistentvolumeclaim", p.name().trim());
        } else {
            items = (t.allNamespaces() ? claims.inAnyNamespace() : claims.inNamespace(t.namespace())).list().getItems();
            if (items.isEmpty()) {
                Lookup.requireNamespace(client, t);
            }
        }
        Instant now = Instant.now();
        Map<String, List<EventRow>> events = items.stream().anyMatch(c -> !bound(c)) ? events(client, t, now) : Map.of();
        List<PvcRow> rows = items.stream()
                .sorted(Comparator.comparing((PersistentVolumeClaim c) -> c.getMetadata().getNamespace()).thenComparing(c -> c.getMetadata().getName()))
                .limit(LIMIT)
                .map(c -> PvcRow.of(c, bound(c) ? List.of() : events.getOrDefault(key(c.getMetadata().getNamespace(),
                        c.getMetadata().getName()), List.of()), now)).toList();
        Reply r = new Reply(rows, rows.size(), items.size() > LIMIT);
        return Result.of(r, summary(r, t));
    }

    private static boolean bound(PersistentVolumeClaim c) {
        return c.getStatus() != null && "Bound".equals(c.getStatus().getPhase());
    }

    /** Claim events of the target, by namespace/name: one list call, matched here (field selectors are not reliable). */
    private static Map<String, List<EventRow>> events(KubernetesClient client, KubernetesTarget t, Instant now) {
        List<Event> all = (t.allNamespaces() ? client.v1().events().inAnyNamespace() : client.v1().events().inNamespace(t.namespace()))
                .list().getItems();
        return all.stream().filter(e -> e.getInvolvedObject() != null && KIND.equals(e.getInvolvedObject().getKind()))
                .collect(Collectors.groupingBy(e -> key(e.getMetadata().getNamespace(), e.getInvolvedObject().getName()),
                        Collectors.collectingAndThen(Collectors.toList(),
                                l -> l.stream().map(e -> EventRow.of(e, now)).sorted(EventRow.NEWEST_FIRST).toList())));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    static String summary(Reply r, KubernetesTarget t) {
        if (r.count() == 0) {
            return "No PersistentVolumeClaims found in " + t.display() + ".";
        }
        List<PvcRow> unbound = r.claims().stream().filter(c -> !"Bound".equals(c.phase())).toList();
        String head = r.count() + " claim" + (r.count() == 1 ? "" : "s") + " in " + t.display() + (r.truncated() ? " (first " + LIMIT + ")" : "");
        if (unbound.isEmpty()) {
            return head + "; all Bound";
        }
        return head + "; not bound: " + String.join("; ", unbound.stream().limit(10).map(GetPvcs::brief).toList());
    }

    private static String brief(PvcRow c) {
        EventRow why = c.events().stream().filter(e -> "Warning".equals(e.type())).findFirst()
                .orElse(c.events().isEmpty() ? null : c.events().get(0));
        return c.name() + " " + c.phase() + " (storage class " + (c.storageClass() == null ? "default" : c.storageClass())
                + ", " + c.requested() + ")" + (why == null ? ", no events" : ": " + why.reason() + ": " + why.message());
    }
}
