package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.kubernetes.ClusterFaults;
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chart's read-only ClusterRole grants every request the Kubernetes tools actually make: each read tool runs
 * against fabric8's Kubernetes API server mock, every request it sends is recorded and checked against the rules.
 */
class RbacCoverageTest {
    /** An API request as RBAC sees it. */
    record Access(String verb, String group, String resource) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
        }
    }

    @Test
    void the_read_role_allows_every_request_of_the_read_tools() throws Exception {
        List<PolicyRule> rules = RenderedChart.render(Map.of()).get(ClusterRole.class, "helpdesk-read").getRules();
        Set<Access> made = new TreeSet<>(java.util.Comparator.comparing(Access::toString));
        try (KubeFixture fx = new KubeFixture()) {
            ClusterFaults faults = new ClusterFaults(fx.client());
            String pod = faults.crashLoop();
            String service = faults.serviceWithoutEndpoints();
            faults.pvcPending();
            faults.scaledToZero();
            drain(fx);

            Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
            for (String ns : List.of(ClusterFaults.NS, "all")) {
                for (String tool : List.of("get_pods", "get_pod_resources", "get_events", "get_workloads", "get_postgres_clusters",
                        "get_service", "get_endpoints", "get_pvcs")) {
                    calls.put(tool + " " + ns, Map.of("namespace", ns));
                }
            }
            calls.put("describe_pod", Map.of("namespace", ClusterFaults.NS, "pod_name", pod));
            calls.put("get_pod_logs", Map.of("namespace", ClusterFaults.NS, "pod_name", pod, "previous", true));
            calls.put("describe_service", Map.of("namespace", ClusterFaults.NS, "service_name", service));
            calls.put("get_nodes", Map.of());
            calls.put("get_node_status", Map.of());
            for (var call : calls.entrySet()) {
                Outcome o = fx.call(call.getKey().split(" ")[0], call.getValue());
                assertThat(o).as("%s ran (arguments valid)", call.getKey()).isNotInstanceOf(Outcome.Invalid.class);
            }
            for (RecordedRequest r; (r = fx.server().takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
                Access a = access(r.getMethod(), r.getPath());
                if (a != null) {
                    made.add(a);
                }
            }
        }
        assertThat(made).as("sanity: the tools reached the API").extracting(Access::resource)
                .contains("pods", "pods/log", "events", "services", "endpoints", "persistentvolumeclaims", "deployments",
                        "statefulsets", "nodes", "customresourcedefinitions");
        List<Access> denied = made.stream().filter(a -> !allowed(rules, a)).toList();
        assertThat(denied).as("requests the read role does not grant (all made: %s)", made).isEmpty();
        assertThat(made).extracting(Access::verb).as("the read tools only read").allMatch(v -> Set.of("get", "list", "watch").contains(v));
    }

    private static void drain(KubeFixture fx) throws InterruptedException {
        while (fx.server().takeRequest(200, TimeUnit.MILLISECONDS) != null) {
            // the fixtures' own requests
        }
    }

    /** RBAC's view of a request path; null for discovery (/api, /apis, /version), which every client may read. */
    static Access access(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?")[0];
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        List<String> s = new ArrayList<>(List.of(path.replaceAll("^/+|/+$", "").split("/")));
        String group;
        if (s.size() >= 3 && s.get(0).equals("api")) {
            group = "";
            s = s.subList(2, s.size());
        } else if (s.size() >= 4 && s.get(0).equals("apis")) {
            group = s.get(1);
            s = s.subList(3, s.size());
        } else {
            return null;
        }
        if (s.size() >= 3 && s.get(0).equals("namespaces")) {
            s = s.subList(2, s.size());
        }
        String resource = s.get(0) + (s.size() >= 3 ? "/" + s.get(2) : "");
        boolean named = s.size() >= 2;
        String verb = switch (method) {
            case "GET" -> named ? "get" : (query.contains("watch=true") ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new Access(verb, group, resource);
    }

    private static boolean allowed(List<PolicyRule> rules, Access a) {
        return rules.stream().anyMatch(r -> (r.getApiGroups().contains(a.group()) || r.getApiGroups().contains("*"))
                && (r.getResources().contains(a.resource()) || r.getResources().contains("*"))
                && (r.getVerbs().contains(a.verb()) || r.getVerbs().contains("*")));
    }
}
