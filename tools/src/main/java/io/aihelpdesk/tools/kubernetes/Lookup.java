package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;

/** Fetching one named object, with a "not found" that says what does exist. */
public final class Lookup {
    /** A DNS-1123 subdomain: what the API server accepts as an object name (pods, workloads, nodes, …). */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private Lookup() {
    }

    /** Refuses a name the API server could never hold, before it goes into a request path. */
    public static String validName(String kind, String name) throws ToolFailure {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ToolFailure(new Diagnosis("k8s_invalid_name", "'" + name + "' is not a valid " + kind + " name",
                    kind + " names are lower-case letters, digits, '-' and '.', start and end with a letter or digit, "
                            + "at most 253 characters (get_pods lists the real ones)", ""));
        }
        return name;
    }

    /** The namespace of a single-object call; "all" makes no sense there. */
    public static String namespace(KubernetesTarget t, String what) throws ToolFailure {
        if (t.allNamespaces()) {
            throw new ToolFailure(new Diagnosis("k8s_namespace_required", what + " needs one namespace, not 'all'",
                    "pass the namespace (get_pods with namespace=all shows where it runs)", ""));
        }
        return t.namespace();
    }

    /**
     * The named object, or a failure naming up to 20 objects of that kind in the namespace. Without
     * the client it cannot tell a missing namespace from an empty one; prefer the overload taking it.
     */
    public static <T extends HasMetadata, L extends KubernetesResourceList<T>> T named(
            MixedOperation<T, L, ? extends Resource<T>> op, KubernetesTarget t, String kind, String name) throws ToolFailure {
        return named(null, op, t, kind, name);
    }

    /**
     * The named object, or a failure naming up to 20 objects of that kind in the namespace. When the
     * namespace holds none, the failure says whether the namespace itself exists.
     */
    public static <T extends HasMetadata, L extends KubernetesResourceList<T>> T named(KubernetesClient client,
            MixedOperation<T, L, ? extends Resource<T>> op, KubernetesTarget t, String kind, String name) throws ToolFailure {
        String ns = namespace(t, kind + " " + name);
        T found = op.inNamespace(ns).withName(validName(kind, name)).get();
        if (found != null) {
            return found;
        }
        List<String> existing = op.inNamespace(ns).list().getItems().stream().map(o -> o.getMetadata().getName()).sorted().limit(20).toList();
        if (existing.isEmpty() && client != null) {
            requireNamespace(client, t);
        }
        throw new ToolFailure(new Diagnosis("k8s_not_found", kind + " '" + name + "' not found in namespace " + ns + " of "
                + contextName(t),
                existing.isEmpty() ? "the namespace has no " + kind + "s; check the namespace"
                        : kind + "s there: " + String.join(", ", existing), "HTTP 404"));
    }

    /**
     * The objects of that name: the one in the target namespace (as {@link #named}), or with
     * namespace 'all' every namespace's object of that name, failing with those that exist when none is.
     */
    public static <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> namedAnywhere(KubernetesClient client,
            MixedOperation<T, L, ? extends Resource<T>> op, KubernetesTarget t, String kind, String name) throws ToolFailure {
        if (!t.allNamespaces()) {
            return List.of(named(client, op, t, kind, name));
        }
        validName(kind, name);
        List<T> all = op.inAnyNamespace().list().getItems();
        List<T> found = all.stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
        if (!found.isEmpty()) {
            return found;
        }
        List<String> existing = all.stream().map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .sorted().limit(20).toList();
        throw new ToolFailure(new Diagnosis("k8s_not_found", kind + " '" + name + "' not found in any namespace of " + contextName(t),
                existing.isEmpty() ? "the cluster has no " + kind + "s" : kind + "s there: " + String.join(", ", existing), "HTTP 404"));
    }

    /** A named cluster-scoped object (a node), or a failure naming up to 20 that exist. */
    public static <T extends HasMetadata, L extends KubernetesResourceList<T>> T clusterNamed(
            NonNamespaceOperation<T, L, ? extends Resource<T>> op, KubernetesTarget t, String kind, String name) throws ToolFailure {
        T found = op.withName(validName(kind, name)).get();
        if (found != null) {
            return found;
        }
        List<String> existing = op.list().getItems().stream().map(o -> o.getMetadata().getName()).sorted().limit(20).toList();
        throw new ToolFailure(new Diagnosis("k8s_not_found", kind + " '" + name + "' not found in " + contextName(t),
                existing.isEmpty() ? "the cluster reports no " + kind + "s" : kind + "s there: " + String.join(", ", existing),
                "HTTP 404"));
    }

    /**
     * Fails with {@code k8s_not_found} when the target namespace does not exist, naming those that do.
     * Listing in a missing namespace answers an empty list, which would read as "nothing wrong here";
     * call this when a namespaced list comes back empty. Without RBAC to read namespaces it says nothing.
     */
    public static void requireNamespace(KubernetesClient client, KubernetesTarget t) throws ToolFailure {
        if (t.allNamespaces()) {
            return;
        }
        List<String> known;
        try {
            if (client.namespaces().withName(t.namespace()).get() != null) {
                return;
            }
            known = client.namespaces().list().getItems().stream().map(Namespace::getMetadata).map(m -> m.getName())
                    .sorted().limit(30).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                return;
            }
            throw e;
        }
        throw new ToolFailure(new Diagnosis("k8s_not_found", "namespace '" + t.namespace() + "' does not exist in "
                + contextName(t), known.isEmpty() ? "check the context; it shows no namespaces"
                : "namespaces there: " + String.join(", ", known) + " (or pass an inventory database id)", "HTTP 404"));
    }

    private static String contextName(KubernetesTarget t) {
        return t.context().isEmpty() ? "the current context" : "context " + t.context();
    }
}
