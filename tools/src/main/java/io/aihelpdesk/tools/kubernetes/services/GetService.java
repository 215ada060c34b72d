package io.aihelpdesk.tools.kubernetes.services;

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
import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@code get_service}: services with their addresses, ports and selectors. */
public final class GetService {
    static final int LIMIT = 500;

    private GetService() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace,
            @Param("Only this service; with namespace=all, in every namespace") String serviceName,
            @Param(value = "Only services of this type", allowed = {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"})
            String serviceType) {
    }

    public record Reply(List<ServiceRow> services, int count, boolean truncated) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_service",
                "List services with type, cluster IP, external IPs (including a LoadBalancer's ingress IP or hostname, "
                        + "or that it is still pending), ports (port, target port, protocol, node port), selector and age. "
                        + "Follow with get_endpoints or describe_service when clients cannot connect.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetService::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        KubernetesTarget t = ctx.cluster();
        var client = ctx.kubernetes();
        List<Service> items;
        if (p.serviceName() != null && !p.serviceName().isBlank()) {
            items = Lookup.namedAnywhere(client, client.services(), t, "service", p.serviceName().trim());
        } else {
            items = (t.allNamespaces() ? client.services().inAnyNamespace() : client.services().inNamespace(t.namespace()))
                    .list().getItems();
            if (items.isEmpty()) {
                Lookup.requireNamespace(client, t);
            }
        }
        Instant now = Instant.now();
        List<ServiceRow> rows = items.stream().map(s -> ServiceRow.of(s, now))
                .filter(s -> p.serviceType() == null || p.serviceType().isBlank() || p.serviceType().equalsIgnoreCase(s.type()))
                .sorted(Comparator.comparing(ServiceRow::namespace).thenComparing(ServiceRow::name)).toList();
        boolean truncated = rows.size() > LIMIT;
        Reply r = new Reply(truncated ? rows.subList(0, LIMIT) : rows, Math.min(rows.size(), LIMIT), truncated);
        return Result.of(r, summary(r, t, p.serviceType()));
    }

    static String summary(Reply r, KubernetesTarget t, String type) {
        String what = type == null || type.isBlank() ? "service" : type + " service";
        if (r.count() == 0) {
            return "No " + what + "s found in " + t.display() + ".";
        }
        List<String> pending = r.services().stream().filter(ServiceRow::externalPending).map(ServiceRow::name).toList();
        return r.count() + " " + what + (r.count() == 1 ? "" : "s") + " in " + t.display() + (r.truncated() ? " (first " + LIMIT + ")" : "")
                + (pending.isEmpty() ? "" : "; LoadBalancer without an external address yet: " + String.join(", ", pending))
                + ": " + String.join("; ", r.services().stream().limit(10).map(ServiceRow::brief).toList());
    }
}
