package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fabric8 client per kubeconfig context, created on first use and kept until {@link #close()}.
 * Every client has the configured request timeout and no automatic retries: a tool call must fail
 * within its timeout, not after ten hidden back-offs.
 */
public final class KubernetesClients implements AutoCloseable {
    /** The context name used for the in-cluster service account when no kubeconfig exists. */
    static final String IN_CLUSTER = "";

    private final KubernetesSettings settings;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    public KubernetesClients(KubernetesSettings settings) {
        this.settings = settings;
    }

    public KubernetesSettings settings() {
        return settings;
    }

    /** The client for {@code context} ("" = the kubeconfig's current context, or in-cluster). */
    public KubernetesClient client(String context) throws ToolFailure {
        String key = context == null ? "" : context;
        KubernetesClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        Config config = config(key);
        return clients.computeIfAbsent(key, k -> new KubernetesClientBuilder()
                .withHttpClientFactory(new JdkHttpClientFactory()).withConfig(config).build());
    }

    /** The contexts the kubeconfig defines, and which one is current ("" when none). */
    public Contexts contexts() throws ToolFailure {
        Config base = load(null);
        List<String> names = base.getContexts() == null ? List.of()
                : base.getContexts().stream().map(NamedContext::getName).sorted().toList();
        NamedContext current = base.getCurrentContext();
        return new Contexts(names, current == null ? "" : current.getName(), base.getMasterUrl());
    }

    /** The kubeconfig's contexts; {@code masterUrl} is where the current (or in-cluster) config points. */
    public record Contexts(List<String> names, String current, String masterUrl) {
        public boolean inCluster() {
            return names.isEmpty() && System.getenv("KUBERNETES_SERVICE_HOST") != null;
        }
    }

    private Config config(String context) throws ToolFailure {
        if (!context.isEmpty()) {
            Contexts known = contexts();
            if (!known.names().contains(context)) {
                throw new ToolFailure(new Diagnosis("k8s_unknown_context",
                        "Kubernetes context '" + context + "' is not in " + kubeconfigName(),
                        known.names().isEmpty() ? "no contexts are defined; set KUBECONFIG or --kubeconfig to a kubeconfig file"
                                : "known contexts: " + String.join(", ", known.names()), ""));
            }
        }
        Config config = load(context.isEmpty() ? null : context);
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new ToolFailure(new Diagnosis("k8s_no_config", "no Kubernetes configuration found: " + kubeconfigName()
                    + " defines no cluster and this process is not running in a pod",
                    "set KUBECONFIG or --kubeconfig, or run the server in the cluster with a service account", ""));
        }
        int timeoutMs = (int) settings.requestTimeout().toMillis();
        config.setRequestTimeout(timeoutMs);
        config.setConnectionTimeout(timeoutMs);
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    private Config load(String context) throws ToolFailure {
        try {
            if (settings.kubeconfig() == null) {
                return Config.autoConfigure(context);
            }
            if (!Files.isReadable(settings.kubeconfig())) {
                throw new ToolFailure(new Diagnosis("k8s_no_config", "kubeconfig " + settings.kubeconfig() + " is not readable",
                        "check the path given with --kubeconfig / HELPDESK_KUBECONFIG", ""));
            }
            return Config.fromKubeconfig(context, settings.kubeconfig().toFile());
        } catch (RuntimeException e) {
            throw new ToolFailure(new Diagnosis("k8s_bad_kubeconfig", "cannot read " + kubeconfigName() + ": " + e.getMessage(),
                    "fix the kubeconfig file (kubectl config view shows what it holds)", ""), e);
        }
    }

    private String kubeconfigName() {
        if (settings.kubeconfig() != null) {
            return settings.kubeconfig().toString();
        }
        String env = System.getenv("KUBECONFIG");
        return env != null && !env.isBlank() ? "KUBECONFIG (" + env + ")" : "~/.kube/config";
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
