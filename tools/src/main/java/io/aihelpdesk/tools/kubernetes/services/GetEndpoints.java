package io.aihelpdesk.tools.kubernetes.services;

import io.aihelpdesk.tools.Describe;
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
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;

/** {@code get_endpoints}: the addresses behind each service, and why there are none when there are none. */
public final class GetEndpoints {
    static final int LIMIT = 500;

    private GetEndpoints() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace,
            @Param("Only the endpoints of this service (they share its name); with namespace=all, in every namespace") String endpointName) {
    }

    public record Port(String name, int port, String protocol) {
    }

    public record EndpointsRow(
            String name,
            String namespace,
            @Describe("Ready addresses first, then not-ready ones") List<EndpointAddress> addresses,
            List<Port> ports,
            int ready,
            int notReady,
            @Describe("Why no address is ready: the selector no pod matches (naming pods that match part of it), or the "
                    + "matching pods that are not ready; null when some address is ready") String hint) {
    }

    public record Reply(List<EndpointsRow> endpoints, int count, boolean truncated) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_endpoints",
                "List the endpoints behind services: each address with IP, node, pod and readiness, and the ports. "
                        + "When a service has no ready address, a hint names its selector and the pods that match part of it "
                        + "(a label typo) or match but are not ready. Use when a service refuses or times out connections.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetEndpoints::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws ToolFailure {
        KubernetesTarget t = ctx.cluster();
        KubernetesClient client = ctx.kubernetes();
        List<Endpoints> items;
        if (p.endpointName() != null && !p.endpointName().isBlank()) {
            items = Lookup.namedAnywhere(client, client.endpoints(), t, "endpoints", p.endpointName().trim());
        } else {
            items = (t.allNamespaces() ? client.endpoints().inAnyNamespace() : client.endpoints().inNamespace(t.namespace()))
                    .list().getItems();
            if (items.isEmpty()) {
                Lookup.requireNamespace(client, t);
            }
        }
        SelectorMismatch mismatch = new SelectorMismatch(client);
        List<EndpointsRow> rows = items.stream()
                .sorted(Comparator.comparing((Endpoints e) -> e.getMetadata().getNamespace()).thenComparing(e -> e.getMetadata().getName()))
                .limit(LIMIT).map(e -> row(client, e, mismatch)).toList();
        Reply r = new Reply(rows, rows.size(), items.size() > LIMIT);
        return Result.of(r, summary(r, t));
    }

    /** One Endpoints object; the hint costs a service get (and a pod list per namespace), so only empty ones pay for it. */
    static EndpointsRow row(KubernetesClient client, Endpoints e, SelectorMismatch mismatch) {
        List<EndpointAddress> addresses = EndpointAddress.of(e);
        int ready = (int) addresses.stream().filter(EndpointAddress::ready).count();
        List<Port> ports = e.getSubsets().stream().flatMap(s -> s.getPorts().stream())
                .map(x -> new Port(x.getName(), x.getPort() == null ? 0 : x.getPort(), x.getProtocol())).distinct().toList();
        String ns = e.getMetadata().getNamespace();
        String name = e.getMetadata().getName();
        String hint = ready > 0 ? null
                : mismatch.explain(ns, name, client.services().inNamespace(ns).withName(name).get());
        return new EndpointsRow(name, ns, addresses, ports, ready, addresses.size() - ready, hint);
    }

    static String summary(Reply r, KubernetesTarget t) {
        if (r.count() == 0) {
            return "No endpoints found in " + t.display() + ".";
        }
        List<EndpointsRow> empty = r.endpoints().stream().filter(e -> e.ready() == 0).toList();
        String head = r.count() + " endpoints object" + (r.count() == 1 ? "" : "s") + " in " + t.display()
                + (r.truncated() ? " (first " + LIMIT + ")" : "");
        if (empty.isEmpty()) {
            return head + "; every one has ready addresses";
        }
        return head + "; no ready address: " + String.join("; ", empty.stream().limit(5).map(e -> e.name() + " — " + e.hint()).toList());
    }
}
