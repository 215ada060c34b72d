package io.aihelpdesk.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PodToolsTest {
    static KubeFixture kube;
    static ClusterFaults faults;

    @BeforeAll
    static void cluster() {
        kube = new KubeFixture();
        faults = new ClusterFaults(kube.client()).all();
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    static Map<String, Object> ok(String tool, Map<String, Object> args) {
        Outcome o = kube.call(tool, args);
        assertThat(o).as(o.toString()).isInstanceOf(Outcome.Succeeded.class);
        return ((Outcome.Succeeded) o).data();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> pod(Map<String, Object> reply, String name) {
        return ((List<Map<String, Object>>) reply.get("pods")).stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void get_pods_shows_crash_loop_image_pull_pending_and_oom_restarts() {
        Map<String, Object> r = ok("get_pods", Map.of("namespace", ClusterFaults.NS));
        assertThat(pod(r, "orders-api-7d9f8c6b5-x2k4q")).containsEntry("status", "CrashLoopBackOff").containsEntry("restarts", 7)
                .containsEntry("ready", "0/1").containsEntry("phase", "Running");
        assertThat(pod(r, "reports-5c8b7d9f4-tq8mz")).containsEntry("status", "ImagePullBackOff");
        assertThat(pod(r, "orders-db-0")).containsEntry("status", "Pending").containsEntry("node", null);
        assertThat(pod(r, "analytics-worker-0")).containsEntry("status", "Running").containsEntry("restarts", 3);
        Outcome.Succeeded text = (Outcome.Succeeded) kube.call("get_pods", Map.of("namespace", ClusterFaults.NS));
        assertThat(text.text()).contains("orders-api-7d9f8c6b5-x2k4q CrashLoopBackOff (7 restarts)");
    }

    @Test
    void get_pods_filters_by_label_selector_and_lists_all_namespaces() {
        Map<String, Object> r = ok("get_pods", Map.of("namespace", "all", "labels", "app=orders-db,role=primary"));
        assertThat(r).containsEntry("count", 1);
        assertThat(pod(r, "orders-db-0")).containsEntry("namespace", ClusterFaults.NS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void describe_pod_names_the_unschedulable_reason_and_the_scheduler_event() {
        Map<String, Object> r = ok("describe_pod", Map.of("namespace", ClusterFaults.NS, "pod_name", "orders-db-0"));
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) r.get("conditions");
        assertThat(conditions).anySatisfy(c -> assertThat(c).containsEntry("type", "PodScheduled").containsEntry("status", "False")
                .containsEntry("reason", "Unschedulable"));
        List<Map<String, Object>> events = (List<Map<String, Object>>) r.get("events");
        assertThat(events).singleElement().satisfies(e -> assertThat(e).containsEntry("reason", "FailedScheduling")
                .containsEntry("source", "default-scheduler").containsEntry("count", 30));
        assertThat((String) events.get(0).get("message")).contains("Insufficient memory");
        Map<String, Object> container = ((List<Map<String, Object>>) r.get("containers")).get(0);
        assertThat((Map<String, Object>) container.get("requests")).containsEntry("memory", "64Gi");
    }

    @Test
    @SuppressWarnings("unchecked")
    void describe_pod_shows_crash_loop_exit_code_and_oom_kill() {
        Map<String, Object> crash = ok("describe_pod", Map.of("namespace", ClusterFaults.NS, "pod_name", "orders-api-7d9f8c6b5-x2k4q"));
        Map<String, Object> api = ((List<Map<String, Object>>) crash.get("containers")).get(0);
        assertThat(api).containsEntry("state", "waiting").containsEntry("reason", "CrashLoopBackOff").containsEntry("restart_count", 7);
        assertThat((Map<String, Object>) api.get("last_termination")).containsEntry("reason", "Error").containsEntry("exit_code", 1);
        assertThat((List<Map<String, Object>>) crash.get("events")).anySatisfy(e -> assertThat(e).containsEntry("reason", "BackOff"));

        Map<String, Object> oom = ok("describe_pod", Map.of("namespace", ClusterFaults.NS, "pod_name", "analytics-worker-0"));
        Map<String, Object> worker = ((List<Map<String, Object>>) oom.get("containers")).get(0);
        assertThat((Map<String, Object>) worker.get("last_termination")).containsEntry("reason", "OOMKilled").containsEntry("exit_code", 137);
        assertThat((Map<String, Object>) worker.get("limits")).containsEntry("memory", "512Mi");
        Outcome.Succeeded text = (Outcome.Succeeded) kube.call("describe_pod",
                Map.of("namespace", ClusterFaults.NS, "pod_name", "analytics-worker-0"));
        assertThat(text.text()).contains("last terminated OOMKilled exit 137");
    }

    @Test
    @SuppressWarnings("unchecked")
    void describe_pod_shows_image_pull_failure_with_manifest_unknown() {
        Map<String, Object> r = ok("describe_pod", Map.of("namespace", ClusterFaults.NS, "pod_name", "reports-5c8b7d9f4-tq8mz"));
        assertThat(((List<Map<String, Object>>) r.get("containers")).get(0)).containsEntry("reason", "ImagePullBackOff");
        assertThat((List<Map<String, Object>>) r.get("events")).anySatisfy(e -> assertThat((String) e.get("message")).contains("manifest unknown"))
                .anySatisfy(e -> assertThat((String) e.get("message")).isEqualTo("Error: ErrImagePull"));
    }

    @Test
    void describe_pod_of_a_missing_pod_lists_the_pods_that_exist() {
        Outcome o = kube.call("describe_pod", Map.of("namespace", ClusterFaults.NS, "pod_name", "orders-api"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        Outcome.Failed f = (Outcome.Failed) o;
        assertThat(f.diagnosis().code()).isEqualTo("k8s_not_found");
        assertThat(f.diagnosis().message()).contains("pod 'orders-api' not found in namespace shop");
        assertThat(f.diagnosis().hint()).contains("orders-api-7d9f8c6b5-x2k4q");
    }

    @Test
    void get_pod_logs_returns_the_previous_run_of_a_crashed_container() {
        String pod = "orders-api-7d9f8c6b5-x2k4q";
        kube.server().expect().get()
                .withPath("/api/v1/namespaces/shop/pods/" + pod + "/log?pretty=false&container=api&previous=true&tailLines=20")
                .andReturn(200, "starting orders-api 1.4.2\nFATAL: could not connect to orders-db-rw:5432: connection refused\n").always();
        Map<String, Object> r = ok("get_pod_logs", Map.of("namespace", ClusterFaults.NS, "pod_name", pod, "previous", true, "tail_lines", 20));
        assertThat(r).containsEntry("container", "api").containsEntry("previous", true).containsEntry("lines", 2);
        assertThat((String) r.get("logs")).contains("FATAL: could not connect to orders-db-rw:5432");
    }

    @Test
    void get_pod_logs_says_so_when_there_are_none() {
        kube.server().expect().get()
                .withPath("/api/v1/namespaces/shop/pods/orders-db-0/log?pretty=false&container=postgres&tailLines=50")
                .andReturn(200, "").always();
        Outcome.Succeeded s = (Outcome.Succeeded) kube.call("get_pod_logs", Map.of("namespace", ClusterFaults.NS, "pod_name", "orders-db-0"));
        assertThat(s.text()).startsWith("No logs available for this pod.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_events_lists_newest_first_and_filters_client_side() {
        Map<String, Object> all = ok("get_events", Map.of("namespace", ClusterFaults.NS));
        List<Map<String, Object>> events = (List<Map<String, Object>>) all.get("events");
        assertThat(events).extracting(e -> e.get("reason")).first().isIn("Failed"); // last seen 5 s ago
        assertThat(events).extracting(e -> (String) e.get("last_seen")).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        Map<String, Object> pvc = ok("get_events", Map.of("namespace", ClusterFaults.NS, "resource_name", "data-orders", "event_type", "Warning"));
        assertThat((List<Map<String, Object>>) pvc.get("events")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("reason", "ProvisioningFailed").containsEntry("object", "PersistentVolumeClaim/data-orders-db-0"));
    }

    @Test
    void event_field_selectors_the_mock_does_not_honour_are_applied_client_side() {
        // The mock answers an involvedObject.name field selector with no events at all, so a tool relying on it would
        // report a clean pod; the object is matched client-side instead, from the namespace's events.
        assertThat(kube.client().v1().events().inNamespace(ClusterFaults.NS).withField("involvedObject.name", "orders-db-0")
                .list().getItems()).isEmpty();
        assertThat(kube.client().v1().events().inNamespace(ClusterFaults.NS).list().getItems()).hasSizeGreaterThan(1);
        assertThat(io.aihelpdesk.tools.kubernetes.events.EventRow.about(kube.client(), ClusterFaults.NS, "Pod", "orders-db-0",
                java.time.Instant.now())).extracting(io.aihelpdesk.tools.kubernetes.events.EventRow::reason).containsExactly("FailedScheduling");
    }
}
