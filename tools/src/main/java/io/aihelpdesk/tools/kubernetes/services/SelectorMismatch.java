package io.aihelpdesk.tools.kubernetes.services;

import io.aihelpdesk.tools.kubernetes.Labels;
import io.aihelpdesk.tools.kubernetes.pods.PodState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a service has no ready endpoints, said in terms of its selector and the namespace's pods:
 * no pod carries all the selector's labels (naming pods that carry some of them, with the values
 * they do have), or the matching pods are not ready. One instance serves one tool call and lists
 * each namespace's pods at most once.
 */
final class SelectorMismatch {
    static final int MAX_PODS = 5;
    private final KubernetesClient client;
    private final Map<String, List<Pod>> podsByNamespace = new HashMap<>();

    SelectorMismatch(KubernetesClient client) {
        this.client = client;
    }

    /** The explanation for a service (null when none exists) whose endpoints have no ready address. */
    String explain(String namespace, String name, Service service) {
        if (service == null) {
            return "no service named " + name + " in namespace " + namespace
                    + ": these endpoints are not filled from a selector; whoever created them must add the addresses";
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return "service " + name + " has no selector, so Kubernetes does not manage its endpoints; the operator or "
                    + "person who created them must add the addresses";
        }
        String text = Labels.selector(selector);
        List<Pod> pods = podsByNamespace.computeIfAbsent(namespace, ns -> client.pods().inNamespace(ns).list().getItems());
        List<Pod> matching = pods.stream().filter(p -> Labels.matches(selector, p.getMetadata().getLabels())).toList();
        if (!matching.isEmpty()) {
            return matching.size() + " pod" + (matching.size() == 1 ? "" : "s") + " match" + (matching.size() == 1 ? "es" : "")
                    + " the selector " + text + " but none is ready: " + String.join(", ", matching.stream().limit(MAX_PODS)
                    .map(p -> p.getMetadata().getName() + " (" + PodState.of(p) + ")").toList())
                    + " — see describe_pod and get_pod_logs";
        }
        List<Pod> partial = pods.stream().filter(p -> sharesALabel(selector, p.getMetadata().getLabels())).toList();
        return "no pod in namespace " + namespace + " matches the service's selector " + text
                + (partial.isEmpty() ? "; no pod carries any of those labels — is the workload deployed, and in this namespace?"
                : "; pods matching part of it: " + String.join(", ", partial.stream().limit(MAX_PODS)
                .map(p -> p.getMetadata().getName() + " (" + values(selector, p.getMetadata().getLabels()) + ")").toList())
                + " — fix the service's selector or the pods' labels");
    }

    private static boolean sharesALabel(Map<String, String> selector, Map<String, String> labels) {
        return labels != null && selector.entrySet().stream().anyMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** The pod's values for the selector's keys, e.g. {@code app=orders-db,role=leader}. */
    private static String values(Map<String, String> selector, Map<String, String> labels) {
        return String.join(",", new TreeMap<>(selector).keySet().stream()
                .map(k -> labels.containsKey(k) ? k + "=" + labels.get(k) : k + " unset").toList());
    }
}
