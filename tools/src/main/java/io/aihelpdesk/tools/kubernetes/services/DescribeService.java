package io.aihelpdesk.tools.kubernetes.services;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.Labels;
import io.aihelpdesk.tools.kubernetes.Lookup;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.aihelpdesk.tools.kubernetes.events.EventRow;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code describe_service}: one service with the addresses behind it and its events. */
public final class DescribeService {
    private DescribeService() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE) String namespace,
            @Param(value = "Service name", required = true) String serviceName) {
    }

    public record Reply(
            ServiceRow service,
            Map<String, String> labels,
            @Describe("None or ClientIP") String sessionAffinity,
            @Describe("The service's backends from its Endpoints object, ready ones first") List<EndpointAddress> endpoints,
            int readyEndpoints,
            int notReadyEndpoints,
            @Describe("Why no backend is ready (selector no pod matches, or matching pods not ready); null when one is") String hint,
            @Describe("Events about this service (load balancer sync, errors), newest first") List<EventRow> events) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("describe_service",
                "Describe one service like kubectl describe: type, cluster and external IPs, ports with target and node "
                        + "ports, selector, session affinity, its endpoints (ready and not-ready addresses with pod names) and "
                        + "events. Says when it has no endpoints and which selector no pod matches.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, DescribeService::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        KubernetesClient client = ctx.kubernetes();
        Service s = Lookup.named(client, client.services(), ctx.cluster(), "service", p.serviceName());
        String ns = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        Instant now = Instant.now();
        Endpoints e = client.endpoints().inNamespace(ns).withName(name).get();
        List<EndpointAddress> addresses = e == null ? List.of() : EndpointAddress.of(e);
        int ready = (int) addresses.stream().filter(EndpointAddress::ready).count();
        boolean external = "ExternalName".equals(s.getSpec().getType());
        String hint = ready > 0 || external ? null : new SelectorMismatch(client).explain(ns, name, s);
        Reply r = new Reply(ServiceRow.of(s, now), s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels(),
                s.getSpec().getSessionAffinity(), addresses, ready, addresses.size() - ready, hint,
                EventRow.about(client, ns, "Service", name, now));
        return Result.of(r, summary(r));
    }

    static String summary(Reply r) {
        ServiceRow s = r.service();
        StringBuilder b = new StringBuilder("Service " + s.namespace() + "/" + s.name() + " (" + s.addressing() + ")");
        if (r.hint() != null) {
            b.append(": no endpoints").append(r.notReadyEndpoints() > 0 ? " ready (" + r.notReadyEndpoints() + " not ready)" : "")
                    .append(s.selector().isEmpty() ? "" : " for selector " + Labels.selector(s.selector()))
                    .append(" — ").append(r.hint());
        } else if (!"ExternalName".equals(s.type())) {
            b.append(": ").append(r.readyEndpoints()).append(" ready endpoint").append(r.readyEndpoints() == 1 ? "" : "s")
                    .append(r.notReadyEndpoints() > 0 ? ", " + r.notReadyEndpoints() + " not ready" : "");
        }
        if (s.externalPending()) {
            b.append("; the load balancer has no external address yet");
        }
        r.events().stream().filter(ev -> "Warning".equals(ev.type())).findFirst()
                .ifPresent(ev -> b.append("; latest warning: ").append(ev.reason()).append(": ").append(ev.message()));
        return b.toString();
    }
}
