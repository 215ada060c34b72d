package io.aihelpdesk.tools.triage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a triage run looks at: the database (as the caller named it) and, when known, where it runs
 * in Kubernetes. {@code k8sNamespace} may be an inventory database id; the Kubernetes tools resolve it.
 */
record Scope(String connectionString, String k8sContext, String k8sNamespace, boolean database, boolean kubernetes) {

    /** Arguments naming the database for a database tool. */
    Map<String, Object> db(Object... more) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("connection_string", connectionString == null ? "" : connectionString);
        put(args, more);
        return args;
    }

    /** Arguments naming the cluster (and namespace unless cluster-wide) for a Kubernetes tool. */
    Map<String, Object> k8s(boolean namespaced, Object... more) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (k8sContext != null && !k8sContext.isBlank()) {
            args.put("context", k8sContext);
        }
        if (namespaced) {
            args.put("namespace", k8sNamespace);
        }
        put(args, more);
        return args;
    }

    private static void put(Map<String, Object> args, Object[] kv) {
        for (int i = 0; i + 1 < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
    }
}
