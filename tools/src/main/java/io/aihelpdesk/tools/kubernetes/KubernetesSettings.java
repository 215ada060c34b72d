package io.aihelpdesk.tools.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server reaches Kubernetes API servers. {@code kubeconfig} null means the usual lookup:
 * {@code KUBECONFIG}, then {@code ~/.kube/config}, then the in-cluster service account.
 */
public record KubernetesSettings(Path kubeconfig, Duration requestTimeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public KubernetesSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the Kubernetes request timeout must be positive; got " + requestTimeout);
        }
    }

    public static KubernetesSettings defaults() {
        return new KubernetesSettings(null, DEFAULT_TIMEOUT);
    }
}
