package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;

/** Fetching one named object, with a "not found" that says what does exist. */
public final class Lookup {
    private Lookup() {
    }

    /** The namespace of a single-object call; "all" makes no sense there. */
    public static String namespace(KubernetesTarget t, String what) throws ToolFailure {
        if (t.allNamespaces()) {
            throw new ToolFailure(new Diagnosis("k8s_namespace_required", what + " needs one namespace, not 'all'",
                    "pass the namespace (get_pods with namespace=all shows where it runs)", ""));
        }
        return t.namespace();
    }

    /** The named object, or a failure naming up to 20 objects of that kind in the namespace. */
    public static <T extends HasMetadata, L extends KubernetesResourceList<T>> T named(
            MixedOperation<T, L, ? extends Resource<T>> op, KubernetesTarget t, String kind, String name) throws ToolFailure {
        String ns = namespace(t, kind + " " + name);
        T found = op.inNamespace(ns).withName(name).get();
        if (found != null) {
            return found;
        }
        List<String> existing = op.inNamespace(ns).list().getItems().stream().map(o -> o.getMetadata().getName()).sorted().limit(20).toList();
        throw new ToolFailure(new Diagnosis("k8s_not_found", kind + " '" + name + "' not found in namespace " + ns + " of "
                + (t.context().isEmpty() ? "the current context" : t.context()),
                existing.isEmpty() ? "the namespace has no " + kind + "s; check the namespace"
                        : kind + "s there: " + String.join(", ", existing), "HTTP 404"));
    }
}
