package io.aihelpdesk.tools.kubernetes.workloads;

import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.Lookup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/**
 * One Deployment or StatefulSet the remediation tools act on: what it looks like now, and the two
 * changes they make (replicas, the rollout-restart annotation). Both changes are patches of the
 * object, as {@code kubectl scale} and {@code kubectl rollout restart} make them.
 */
final class WorkloadHandle {
    /** The annotation {@code kubectl rollout restart} sets on the pod template. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final WorkloadKind kind;
    private final String namespace;
    private final String name;

    private WorkloadHandle(KubernetesClient client, WorkloadKind kind, String namespace, String name) {
        this.client = client;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
    }

    /** The named workload, or a failure listing those that exist. */
    static WorkloadHandle find(KubernetesClient client, KubernetesTarget t, WorkloadKind kind, String name) throws ToolFailure {
        HasMetadata found = kind == WorkloadKind.DEPLOYMENT ? Lookup.named(client, client.apps().deployments(), t, "deployment", name)
                : Lookup.named(client, client.apps().statefulSets(), t, "statefulset", name);
        return new WorkloadHandle(client, kind, found.getMetadata().getNamespace(), found.getMetadata().getName());
    }

    WorkloadKind kind() {
        return kind;
    }

    String display() {
        return kind.display + " " + namespace + "/" + name;
    }

    WorkloadState snapshot() {
        if (kind == WorkloadKind.DEPLOYMENT) {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            var s = d.getStatus();
            return snapshot(d.getMetadata(), d.getSpec().getReplicas(), s == null ? null : s.getReadyReplicas(),
                    s == null ? null : s.getUpdatedReplicas(), s == null ? null : s.getObservedGeneration(), d.getSpec().getTemplate());
        }
        StatefulSet st = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        var s = st.getStatus();
        return snapshot(st.getMetadata(), st.getSpec().getReplicas(), s == null ? null : s.getReadyReplicas(),
                s == null ? null : s.getUpdatedReplicas(), s == null ? null : s.getObservedGeneration(), st.getSpec().getTemplate());
    }

    private WorkloadState snapshot(ObjectMeta meta, Integer replicas, Integer ready, Integer updated, Long observed, PodTemplateSpec template) {
        Map<String, String> annotations = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getAnnotations();
        return new WorkloadState(kind.display, name, namespace, replicas == null ? 1 : replicas, ready == null ? 0 : ready,
                updated == null ? 0 : updated, meta.getGeneration(), observed,
                annotations == null ? null : annotations.get(RESTARTED_AT));
    }

    /** The pods the workload's selector matches now, by name (what a restart replaces, what a scale starts from). */
    java.util.List<String> pods() {
        io.fabric8.kubernetes.api.model.LabelSelector selector = kind == WorkloadKind.DEPLOYMENT
                ? client.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getSelector()
                : client.apps().statefulSets().inNamespace(namespace).withName(name).get().getSpec().getSelector();
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return java.util.List.of();
        }
        return client.pods().inNamespace(namespace).withLabels(selector.getMatchLabels()).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).sorted().toList();
    }

    void scale(int replicas) {
        if (kind == WorkloadKind.DEPLOYMENT) {
            client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
                d.getSpec().setReplicas(replicas);
                return d;
            });
        } else {
            client.apps().statefulSets().inNamespace(namespace).withName(name).edit(s -> {
                s.getSpec().setReplicas(replicas);
                return s;
            });
        }
    }

    void restart(String at) {
        if (kind == WorkloadKind.DEPLOYMENT) {
            client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
                annotate(d.getSpec().getTemplate(), at);
                return d;
            });
        } else {
            client.apps().statefulSets().inNamespace(namespace).withName(name).edit(s -> {
                annotate(s.getSpec().getTemplate(), at);
                return s;
            });
        }
    }

    private static void annotate(PodTemplateSpec template, String at) {
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> annotations = template.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(template.getMetadata().getAnnotations());
        annotations.put(RESTARTED_AT, at);
        template.getMetadata().setAnnotations(annotations);
    }
}
