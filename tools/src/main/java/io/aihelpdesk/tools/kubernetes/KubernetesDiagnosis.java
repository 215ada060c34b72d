package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.Diagnosis;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * What a failed Kubernetes API call means and what to do about it. The HTTP status (or the
 * network cause) decides; the code is stable and the upstream status is kept in {@code sqlState}'s
 * place as {@code HTTP <code>}.
 */
public final class KubernetesDiagnosis {
    private KubernetesDiagnosis() {
    }

    public static Diagnosis of(KubernetesClientException e, KubernetesTarget target, long timeoutMs) {
        String where = target.display();
        String api = e.getMessage() == null ? "" : firstLine(e.getMessage());
        int code = e.getCode();
        String http = code > 0 ? "HTTP " + code : "";
        switch (code) {
            case 401:
                return new Diagnosis("k8s_unauthorized", "the API server of " + where + " rejected our credentials: " + api,
                        "the kubeconfig credentials or token have expired or are wrong; refresh them (e.g. gcloud/aws/az "
                                + "get-credentials, or a new service-account token)", http);
            case 403:
                return new Diagnosis("k8s_forbidden", "RBAC forbids this call on " + where + ": " + statusMessage(e, api),
                        "grant the helpdesk identity the missing verb on " + resourceName(e)
                                + " (a Role/ClusterRole with get/list/watch), or use another context", http);
            case 404:
                return new Diagnosis("k8s_not_found", notFound(e, target) + " (" + api + ")",
                        "check the name and namespace; get_pods or get_workloads list what exists", http);
            default:
                break;
        }
        Throwable root = cause(e, UnknownHostException.class, ConnectException.class, HttpConnectTimeoutException.class,
                HttpTimeoutException.class, TimeoutException.class, InterruptedIOException.class, SSLException.class,
                CertificateException.class);
        if (root instanceof UnknownHostException) {
            return new Diagnosis("k8s_unreachable", "the API server host of " + where + " does not resolve: " + root.getMessage(),
                    "check the cluster address in the kubeconfig and DNS/VPN from this host", "");
        }
        if (root instanceof ConnectException) {
            return new Diagnosis("k8s_unreachable", "the API server of " + where + " refused the connection"
                            + (root.getMessage() == null ? "" : ": " + root.getMessage()),
                    "is the cluster up and is its API endpoint reachable from here (VPN, firewall, authorized networks)?", "");
        }
        if (root instanceof HttpConnectTimeoutException || root instanceof HttpTimeoutException
                || root instanceof TimeoutException || root instanceof InterruptedIOException) {
            return new Diagnosis("k8s_timeout", "the API server of " + where + " did not answer within " + timeoutMs + " ms",
                    "the cluster may be overloaded or unreachable; retry, or raise --k8s-timeout", "");
        }
        if (root instanceof SSLException || root instanceof CertificateException) {
            return new Diagnosis("k8s_tls", "TLS with the API server of " + where + " failed: " + root.getMessage(),
                    "the kubeconfig's certificate-authority does not match the server certificate, or the certificate expired", "");
        }
        return new Diagnosis("k8s_error", "Kubernetes call on " + where + " failed: " + api
                + (root != e && root.getMessage() != null ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : ""),
                "check that the API server is healthy (kubectl get --raw /readyz)", http);
    }

    private static String notFound(KubernetesClientException e, KubernetesTarget target) {
        String kind = e.getResourcePlural() == null ? "object" : e.getResourcePlural();
        if (e.getName() != null) {
            return kind + " '" + e.getName() + "' not found in namespace " + (e.getNamespace() == null ? target.namespace() : e.getNamespace());
        }
        return "nothing found for " + kind + " in " + target.display() + " — does the namespace exist?";
    }

    private static String statusMessage(KubernetesClientException e, String fallback) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : fallback;
    }

    private static String resourceName(KubernetesClientException e) {
        return e.getResourcePlural() == null ? "the resource" : e.getFullResourceName();
    }

    /** The first throwable in the cause chain of one of the given types, else the root cause. */
    @SafeVarargs
    private static Throwable cause(Throwable t, Class<? extends Throwable>... types) {
        Throwable c = t;
        while (true) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
            if (c.getCause() == null || c.getCause() == c) {
                return c;
            }
            c = c.getCause();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
