package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code kubernetes} layer: pods (the namespace and all), services, endpoints, events, nodes,
 * workloads and PVCs, then describe and logs (current and previous) of the database's pods (those
 * its inventory {@code k8s_pod_selector} finds, else the pods that look like PostgreSQL). Every
 * item is a Kubernetes tool run by name through {@link ToolContext#call}, so it is governed and
 * audited; a tool this server does not offer is recorded as an error of that item.
 */
final class KubernetesLayer {
    /** Pods of the database: at most this many are described and their logs read. */
    static final int MAX_POD_DETAILS = 5;
    static final int LOG_LINES = 500;
    /** get_pod_logs' diagnosis when the container has not restarted. */
    static final String NO_PREVIOUS_RUN = "k8s_no_previous_logs";

    private record Item(String file, String tool, boolean allNamespaces) {
    }

    private static final List<Item> OVERVIEW = List.of(
            new Item("pods", "get_pods", false),
            new Item("pods_all", "get_pods", true),
            new Item("services", "get_service", false),
            new Item("endpoints", "get_endpoints", false),
            new Item("events", "get_events", false),
            new Item("nodes", "get_nodes", false),
            new Item("workloads", "get_workloads", false),
            new Item("pvcs", "get_pvcs", false));

    private KubernetesLayer() {
    }

    /**
     * @param inventoryDatabase true when {@code infraKey} is an inventory database placed in Kubernetes:
     *                          its pods are then the ones its {@code k8s_pod_selector} finds
     */
    static void collect(ToolContext ctx, String context, String namespace, String infraKey, boolean inventoryDatabase,
                        BundleContents out) {
        List<Map<String, Object>> pods = List.of();
        for (Item item : OVERVIEW) {
            Map<String, Object> args = base(context);
            if (!item.tool().equals("get_nodes")) {
                args.put("namespace", item.allNamespaces() ? "all" : namespace);
            }
            Map<String, Object> data = run(ctx, out, "kubernetes/" + item.file(), item.tool(), args);
            if (item.file().equals("pods") && data != null) {
                pods = podsOf(data);
            }
        }
        List<String> dbPods;
        if (inventoryDatabase) {
            // Named by its inventory id, get_pods resolves the database's namespace and applies its pod selector.
            Map<String, Object> args = base(context);
            args.put("namespace", infraKey);
            Map<String, Object> data = run(ctx, out, "kubernetes/database_pods", "get_pods", args);
            dbPods = data == null ? List.of() : podsOf(data).stream().map(p -> String.valueOf(p.get("name")))
                    .filter(n -> n.matches("[a-z0-9][a-z0-9.-]{0,252}")).limit(MAX_POD_DETAILS).toList();
        } else {
            dbPods = databasePods(pods, infraKey);
        }
        for (String pod : dbPods) {
            Map<String, Object> args = base(context);
            args.put("namespace", namespace);
            args.put("pod_name", pod);
            run(ctx, out, "kubernetes/describe_" + pod, "describe_pod", args);
            Map<String, Object> logs = new LinkedHashMap<>(args);
            logs.put("tail_lines", LOG_LINES);
            run(ctx, out, "kubernetes/logs_" + pod, "get_pod_logs", logs);
            logs.put("previous", true);
            run(ctx, out, "kubernetes/logs_" + pod + "_previous", "get_pod_logs", logs, NO_PREVIOUS_RUN);
        }
    }

    private static Map<String, Object> run(ToolContext ctx, BundleContents out, String item, String tool, Map<String, Object> args) {
        return run(ctx, out, item, tool, args, null);
    }

    /**
     * Runs one tool into {@code item.json}/{@code .txt}; returns its data, or null when it did not
     * succeed. A failure with diagnosis code {@code expected} is a fact, not an error (a container
     * that never restarted has no previous logs): its text is the item's file.
     */
    private static Map<String, Object> run(ToolContext ctx, BundleContents out, String item, String tool, Map<String, Object> args,
                                           String expected) {
        if (ctx.catalog().find(tool).isEmpty()) {
            out.error(item, "tool " + tool + " is not in this server's catalog (the Kubernetes toolset is not installed)");
            return null;
        }
        Outcome o = NestedCalls.run(ctx, out, item, tool, args);
        if (o == null) {
            return null;
        }
        if (o instanceof Outcome.Succeeded s) {
            out.json(item + ".json", s.data());
            out.text(item + ".txt", s.text() + "\n");
            return s.data();
        }
        if (expected != null && o instanceof Outcome.Failed f && f.diagnosis().code().equals(expected)) {
            out.text(item + ".txt", f.diagnosis().message() + "\n");
            return null;
        }
        out.error(item, o.text());
        return null;
    }

    private static Map<String, Object> base(String context) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (context != null && !context.isBlank()) {
            args.put("context", context);
        }
        return args;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> podsOf(Map<String, Object> data) {
        return data.get("pods") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /**
     * The pods that look like the database: a name or label value naming PostgreSQL (postgres,
     * postgresql, patroni, spilo, cnpg) or the infra key; at most {@value #MAX_POD_DETAILS}.
     */
    static List<String> databasePods(List<Map<String, Object>> pods, String infraKey) {
        List<String> out = new ArrayList<>();
        String key = infraKey == null ? "" : infraKey.toLowerCase(Locale.ROOT);
        for (Map<String, Object> pod : pods) {
            String name = String.valueOf(pod.get("name"));
            StringBuilder words = new StringBuilder(name);
            if (pod.get("labels") instanceof Map<?, ?> labels) {
                labels.forEach((k, v) -> words.append(' ').append(k).append('=').append(v));
            }
            String w = words.toString().toLowerCase(Locale.ROOT);
            boolean db = w.matches("(?s).*(postgres|patroni|spilo|cnpg).*")
                    || (!key.isEmpty() && !key.equals("unknown") && w.contains(key));
            if (db && out.size() < MAX_POD_DETAILS && name.matches("[a-z0-9][a-z0-9.-]{0,252}")) {
                out.add(name);
            }
        }
        return out;
    }
}
