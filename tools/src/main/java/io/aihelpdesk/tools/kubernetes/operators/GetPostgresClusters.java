package io.aihelpdesk.tools.kubernetes.operators;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Scope;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code get_postgres_clusters}: PostgreSQL clusters managed by CloudNativePG, Zalando or Crunchy operators. */
public final class GetPostgresClusters {
    private GetPostgresClusters() {
    }

    public record Params(
            @Param(Scope.CONTEXT) String context,
            @Param(Scope.NAMESPACE_OR_ALL) String namespace) {
    }

    public record PostgresCluster(
            @Describe("Which operator manages it") String operator,
            String kind,
            String name,
            String namespace,
            @Describe("Instances requested") Integer instances,
            @Describe("Instances ready: as the operator reports it, else counted from running ready pods") Integer readyInstances,
            @Describe("The operator's own status line, e.g. 'Cluster in healthy state'") String phase,
            @Describe("The primary pod: from the resource's status or the role label of its pods; null when none is primary") String primary,
            @Describe("Pods of the cluster with their role label") Map<String, String> pods,
            boolean healthy) {
    }

    public record Reply(
            @Describe("Operators whose custom resource definitions exist in the cluster") List<String> operatorsFound,
            List<PostgresCluster> clusters,
            int count,
            String message) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("get_postgres_clusters",
                "Find PostgreSQL clusters run by an operator (CloudNativePG clusters.postgresql.cnpg.io, Zalando "
                        + "postgresqls.acid.zalan.do, Crunchy postgresclusters.postgres-operator.crunchydata.com): instances "
                        + "requested and ready, the operator's status, and which pod is the primary. Says plainly when no "
                        + "operator is installed.",
                Effect.READ, TargetKind.KUBERNETES, Params.class, Reply.class, GetPostgresClusters::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) {
        KubernetesClient k = ctx.kubernetes();
        KubernetesTarget t = ctx.cluster();
        List<String> found = new ArrayList<>();
        List<PostgresCluster> clusters = new ArrayList<>();
        for (Operator op : Operator.values()) {
            List<GenericKubernetesResource> items = resources(k, t, op);
            if (items == null) {
                continue;
            }
            found.add(op.label);
            for (GenericKubernetesResource r : items) {
                clusters.add(cluster(k, op, r));
            }
        }
        String message = found.isEmpty()
                ? "No PostgreSQL operator found: none of " + Arrays.stream(Operator.values()).map(o -> o.crd).toList()
                + " is installed in " + (t.context().isEmpty() ? "the current context" : t.context())
                + ". The database may run as a plain StatefulSet (get_workloads) or outside Kubernetes."
                : clusters.isEmpty() ? "Operators installed (" + String.join(", ", found) + ") but no cluster in " + t.display() + "."
                : "";
        Reply r = new Reply(found, clusters, clusters.size(), message);
        return Result.of(r, message.isEmpty() ? summary(r) : message);
    }

    /**
     * The operator's resources in scope, or null when its CRD is not installed. The CRD is looked
     * up first; an identity that may not read CRDs falls back to listing, where 404 means absent.
     */
    private static List<GenericKubernetesResource> resources(KubernetesClient k, KubernetesTarget t, Operator op) {
        try {
            if (k.apiextensions().v1().customResourceDefinitions().withName(op.crd).get() == null) {
                return null;
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
        }
        try {
            var all = k.genericKubernetesResources(op.context());
            return (t.allNamespaces() ? all.inAnyNamespace() : all.inNamespace(t.namespace())).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null; // the API group is not served: no such operator here
            }
            throw e;
        }
    }

    private static PostgresCluster cluster(KubernetesClient k, Operator op, GenericKubernetesResource r) {
        String ns = r.getMetadata().getNamespace();
        String name = r.getMetadata().getName();
        List<Pod> pods = k.pods().inNamespace(ns).withLabel(op.clusterLabel, name).list().getItems();
        Map<String, String> roles = new java.util.TreeMap<>();
        pods.forEach(pod -> roles.put(pod.getMetadata().getName(),
                pod.getMetadata().getLabels().getOrDefault(op.roleLabel, "")));
        String primary = op.statedPrimary(r);
        if (primary == null) {
            primary = roles.entrySet().stream().filter(e -> op.primaryRole.equals(e.getValue())).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
        Integer ready = op.ready(r);
        if (ready == null) {
            ready = (int) pods.stream().filter(GetPostgresClusters::runningAndReady).count();
        }
        Integer desired = op.desired(r);
        boolean healthy = primary != null && desired != null && ready >= desired;
        return new PostgresCluster(op.label, op.kind, name, ns, desired, ready, op.phase(r), primary, roles, healthy);
    }

    private static boolean runningAndReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getContainerStatuses().stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
    }

    static String summary(Reply r) {
        StringBuilder s = new StringBuilder(r.count() + " PostgreSQL cluster" + (r.count() == 1 ? "" : "s") + ":");
        for (PostgresCluster c : r.clusters()) {
            s.append(' ').append(c.namespace()).append('/').append(c.name()).append(" (").append(c.operator()).append(") ")
                    .append(c.readyInstances()).append('/').append(c.instances()).append(" ready, primary ")
                    .append(c.primary() == null ? "NONE" : c.primary()).append(c.healthy() ? "" : " — NOT HEALTHY").append(';');
        }
        return s.substring(0, s.length() - 1);
    }
}
