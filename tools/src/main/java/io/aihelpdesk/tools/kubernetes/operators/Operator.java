package io.aihelpdesk.tools.kubernetes.operators;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL operator we recognise: its custom resource, how to read instances and readiness
 * from it, and how its pods say which one is the primary.
 */
enum Operator {
    CLOUDNATIVE_PG("CloudNativePG", "clusters.postgresql.cnpg.io", "postgresql.cnpg.io/v1", "Cluster",
            "cnpg.io/cluster", "cnpg.io/instanceRole", "primary"),
    ZALANDO("Zalando postgres-operator", "postgresqls.acid.zalan.do", "acid.zalan.do/v1", "postgresql",
            "cluster-name", "spilo-role", "master"),
    CRUNCHY("Crunchy PGO", "postgresclusters.postgres-operator.crunchydata.com",
            "postgres-operator.crunchydata.com/v1beta1", "PostgresCluster",
            "postgres-operator.crunchydata.com/cluster", "postgres-operator.crunchydata.com/role", "master");

    final String label;
    final String crd;
    final String apiVersion;
    final String kind;
    /** Pod label holding the cluster name, and the label/value that marks the primary pod. */
    final String clusterLabel;
    final String roleLabel;
    final String primaryRole;

    Operator(String label, String crd, String apiVersion, String kind, String clusterLabel, String roleLabel, String primaryRole) {
        this.label = label;
        this.crd = crd;
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.clusterLabel = clusterLabel;
        this.roleLabel = roleLabel;
        this.primaryRole = primaryRole;
    }

    /** Where the resource lives, stated fully so no discovery call is needed. */
    ResourceDefinitionContext context() {
        String[] gv = apiVersion.split("/");
        return new ResourceDefinitionContext.Builder().withGroup(gv[0]).withVersion(gv[1]).withKind(kind)
                .withPlural(crd.substring(0, crd.indexOf('.'))).withNamespaced(true).build();
    }

    /** Instances the resource asks for. */
    Integer desired(GenericKubernetesResource r) {
        return switch (this) {
            case CLOUDNATIVE_PG -> integer(path(r, "spec", "instances"));
            case ZALANDO -> integer(path(r, "spec", "numberOfInstances"));
            case CRUNCHY -> sum(path(r, "spec", "instances"), "replicas", 1);
        };
    }

    /** Instances the operator reports ready; null when it does not report it. */
    Integer ready(GenericKubernetesResource r) {
        return switch (this) {
            case CLOUDNATIVE_PG -> integer(path(r, "status", "readyInstances"));
            case ZALANDO -> null;
            case CRUNCHY -> sum(path(r, "status", "instances"), "readyReplicas", 0);
        };
    }

    /** The operator's own one-line status. */
    String phase(GenericKubernetesResource r) {
        Object v = switch (this) {
            case CLOUDNATIVE_PG -> path(r, "status", "phase");
            case ZALANDO -> path(r, "status", "PostgresClusterStatus");
            case CRUNCHY -> null;
        };
        return v == null ? null : v.toString();
    }

    /** The primary as the resource states it (CloudNativePG does); else null and the pods are asked. */
    String statedPrimary(GenericKubernetesResource r) {
        Object v = this == CLOUDNATIVE_PG ? path(r, "status", "currentPrimary") : null;
        return v == null ? null : v.toString();
    }

    static Object path(GenericKubernetesResource r, String... keys) {
        Object cur = r.getAdditionalProperties();
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(k);
        }
        return cur;
    }

    private static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    private static Integer sum(Object list, String field, int dflt) {
        if (!(list instanceof List<?> items)) {
            return null;
        }
        int total = 0;
        for (Object item : items) {
            Object v = item instanceof Map<?, ?> m ? m.get(field) : null;
            total += v instanceof Number n ? n.intValue() : dflt;
        }
        return total;
    }
}
