package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/helm/helpdesk rendered by real Helm with default and other values, checked as fabric8 objects. */
class HelmChartTest {
    private static final String FULLNAME = "helpdesk";
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    @Test
    void default_values_render_a_non_root_deployment_with_probes_secrets_and_read_only_rbac() {
        RenderedChart chart = RenderedChart.render(Map.of());

        Deployment deployment = chart.get(Deployment.class, FULLNAME);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        Container c = pod.getContainers().get(0);
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getImage()).isEqualTo("aihelpdesk/helpdesk:0.1.0");

        // Probes on /health through the named container port.
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertThat(env(c, "HELPDESK_PORT").getValue()).isEqualTo("8080");
        assertThat(env(c, "HELPDESK_BIND").getValue()).isEqualTo("0.0.0.0");

        // The shared audit/approval store, the model key and the API keys come from Secrets.
        assertThat(env(c, "HELPDESK_AUDIT_URL").getValueFrom().getSecretKeyRef().getName()).isEqualTo("helpdesk-audit");
        assertThat(env(c, "HELPDESK_AUDIT_URL").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url");
        assertThat(env(c, "HELPDESK_API_KEY").getValueFrom().getSecretKeyRef().getName()).isEqualTo("helpdesk-api-key");
        assertThat(env(c, "HELPDESK_API_KEY").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
        assertThat(env(c, "HELPDESK_MODEL_VENDOR").getValue()).isEqualTo("anthropic");
        assertThat(env(c, "HELPDESK_MODEL_NAME").getValue()).isEqualTo("claude-haiku-4-5-20251001");
        String usersFile = env(c, "HELPDESK_USERS_FILE").getValue();
        Volume users = volumeHolding(pod, c, usersFile);
        assertThat(users.getSecret().getSecretName()).isEqualTo("helpdesk-users");
        assertThat(users.getSecret().getItems()).singleElement()
                .satisfies(i -> assertThat(usersFile).endsWith("/" + i.getPath()));
        assertThat(chart.all(Secret.class)).as("no inline values: the chart refers to Secrets the user created").isEmpty();

        // The Service reaches the container port and selects exactly the Deployment's pods.
        Service service = chart.get(Service.class, FULLNAME);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo(c.getPorts().get(0).getName());
        });
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

        // Read-only RBAC, bound to the pods' service account; no remediation role, no ServiceMonitor.
        String sa = chart.get(ServiceAccount.class, FULLNAME).getMetadata().getName();
        assertThat(pod.getServiceAccountName()).isEqualTo(sa);
        ClusterRole read = chart.get(ClusterRole.class, FULLNAME + "-read");
        assertThat(verbs(read.getRules())).isSubsetOf(READ_VERBS);
        assertThat(resources(read.getRules())).contains("pods", "pods/log", "events", "services", "endpoints",
                "persistentvolumeclaims", "deployments", "statefulsets", "nodes", "namespaces");
        assertThat(resources(read.getRules())).doesNotContain("secrets", "configmaps");
        ClusterRoleBinding binding = chart.get(ClusterRoleBinding.class, FULLNAME + "-read");
        assertThat(binding.getRoleRef().getName()).isEqualTo(read.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(sa);
            assertThat(s.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        });
        assertThat(chart.find(ClusterRole.class, FULLNAME + "-remediation")).isEmpty();
        assertThat(chart.ofKind("ServiceMonitor")).isEmpty();

        // The NetworkPolicy applies to the pods and opens only the http port.
        NetworkPolicy np = chart.get(NetworkPolicy.class, FULLNAME);
        assertThat(podLabels).containsAllEntriesOf(np.getSpec().getPodSelector().getMatchLabels());
        assertThat(np.getSpec().getPodSelector().getMatchLabels()).isNotEmpty();
        assertThat(np.getSpec().getIngress()).singleElement().satisfies(rule ->
                assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http")));
        assertThat(np.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    }

    @Test
    void remediation_role_and_service_monitor_appear_only_when_enabled() {
        RenderedChart chart = RenderedChart.render(Map.of("rbac.remediation", true, "serviceMonitor.enabled", true,
                "mode", "fix"));

        ClusterRole remediation = chart.get(ClusterRole.class, FULLNAME + "-remediation");
        assertThat(rule(remediation.getRules(), "pods").getVerbs()).containsExactly("delete");
        assertThat(rule(remediation.getRules(), "deployments").getVerbs()).containsExactly("patch");
        assertThat(rule(remediation.getRules(), "statefulsets").getVerbs()).containsExactly("patch");
        assertThat(rule(remediation.getRules(), "deployments/scale").getVerbs()).contains("patch");
        ClusterRoleBinding binding = chart.get(ClusterRoleBinding.class, FULLNAME + "-remediation");
        assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME + "-remediation");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo(FULLNAME));
        // The read role stays read-only: the write verbs live in the separate role only.
        assertThat(verbs(chart.get(ClusterRole.class, FULLNAME + "-read").getRules())).isSubsetOf(READ_VERBS);
        Container c = chart.get(Deployment.class, FULLNAME).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c, "HELPDESK_MODE").getValue()).isEqualTo("fix");

        GenericKubernetesResource monitor = (GenericKubernetesResource) chart.ofKind("ServiceMonitor").get(0);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics");
        assertThat((Map<String, Object>) monitor.get("spec", "endpoints", 0, "authorization", "credentials"))
                .containsEntry("name", "helpdesk-metrics-key").containsEntry("key", "token");
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        assertThat(chart.get(Service.class, FULLNAME).getMetadata().getLabels()).containsAllEntriesOf(selector);
        // Prometheus may reach the pods through the NetworkPolicy.
        NetworkPolicy np = chart.get(NetworkPolicy.class, FULLNAME);
        assertThat(np.getSpec().getIngress().get(0).getFrom()).filteredOn(peer -> peer.getNamespaceSelector() != null)
                .singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", "monitoring"));
    }

    @Test
    void namespaced_rbac_renders_roles_without_cluster_scoped_resources() {
        RenderedChart chart = RenderedChart.render(Map.of("rbac.clusterWide", false, "rbac.remediation", true));

        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
        Role read = chart.get(Role.class, FULLNAME + "-read");
        assertThat(read.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(verbs(read.getRules())).isSubsetOf(READ_VERBS);
        assertThat(resources(read.getRules())).contains("pods", "pods/log").doesNotContain("nodes", "namespaces",
                "customresourcedefinitions");
        assertThat(chart.get(Role.class, FULLNAME + "-remediation").getRules()).isNotEmpty();
        assertThat(chart.get(RoleBinding.class, FULLNAME + "-remediation").getRoleRef().getKind()).isEqualTo("Role");
    }

    @Test
    void inline_values_become_secrets_the_deployment_uses() throws Exception {
        String usersYaml = Files.readString(Repo.file("examples/users.yaml"));
        RenderedChart chart = RenderedChart.render(Map.of("model.apiKey", "sk-test-123",
                "auth.usersYaml", usersYaml, "audit.url", "postgresql://helpdesk:pw@audit-db:5432/helpdesk",
                "inventory", Files.readString(Repo.file("examples/inventory.yaml"))));

        Container c = chart.get(Deployment.class, FULLNAME).getSpec().getTemplate().getSpec().getContainers().get(0);
        Secret model = chart.get(Secret.class, env(c, "HELPDESK_API_KEY").getValueFrom().getSecretKeyRef().getName());
        assertThat(decode(model, "api-key")).isEqualTo("sk-test-123");
        Secret audit = chart.get(Secret.class, env(c, "HELPDESK_AUDIT_URL").getValueFrom().getSecretKeyRef().getName());
        assertThat(decode(audit, "url")).isEqualTo("postgresql://helpdesk:pw@audit-db:5432/helpdesk");
        Secret users = chart.get(Secret.class, FULLNAME + "-users");
        assertThat(decode(users, "users.yaml")).isEqualTo(usersYaml);
        assertThat(env(c, "HELPDESK_INFRA_CONFIG").getValue()).isEqualTo("/etc/aihelpdesk/config/inventory.yaml");
        assertThat(chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, FULLNAME + "-config").getData())
                .containsKey("inventory.yaml").doesNotContainKey("policy.yaml");
    }

    @Test
    void the_users_secret_holds_a_users_file_the_server_accepts(@TempDir Path dir) throws Exception {
        RenderedChart chart = RenderedChart.render(Map.of("auth.usersYaml", Files.readString(Repo.file("examples/users.yaml"))));

        Path file = Files.writeString(dir.resolve("users.yaml"), decode(chart.get(Secret.class, FULLNAME + "-users"), "users.yaml"));
        assertThat(ApiKeys.load(file).size()).isEqualTo(2);
    }

    @Test
    void refuses_several_replicas_without_a_shared_audit_store() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("audit.existingSecret", "")))
                .hasMessageContaining("replicaCount > 1 needs a shared PostgreSQL audit/approval store");
        RenderedChart single = RenderedChart.render(Map.of("audit.existingSecret", "", "replicaCount", 1));
        Container c = single.get(Deployment.class, FULLNAME).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnv()).extracting(EnvVar::getName).doesNotContain("HELPDESK_AUDIT_URL");
    }

    @Test
    void refuses_to_render_without_api_keys() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("auth.existingSecret", "")))
                .hasMessageContaining("refuses to listen on the pod IP without API keys");
    }

    @Test
    void helm_lint_passes() {
        var result = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + c.getEnv().stream().map(EnvVar::getName).toList()));
    }

    /** The volume mounted at the directory holding {@code file}. */
    private static Volume volumeHolding(PodSpec pod, Container c, String file) {
        String mount = c.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted above " + file)).getName();
        return pod.getVolumes().stream().filter(v -> v.getName().equals(mount)).findFirst().orElseThrow();
    }

    private static Set<String> verbs(List<PolicyRule> rules) {
        return rules.stream().flatMap(r -> r.getVerbs().stream()).collect(Collectors.toSet());
    }

    private static Set<String> resources(List<PolicyRule> rules) {
        return rules.stream().flatMap(r -> r.getResources().stream()).collect(Collectors.toSet());
    }

    private static PolicyRule rule(List<PolicyRule> rules, String resource) {
        return rules.stream().filter(r -> r.getResources().contains(resource)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule for " + resource));
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
