package io.aihelpdesk.server.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated Kubernetes API: fabric8's mock server (CRUD, plus pod logs served from {@link #logs()})
 * on a free loopback port, and a kubeconfig file whose one context reaches it as a real cluster
 * would be reached. The demo and the fault lab each seed one.
 */
public final class SimulatedApiServer implements AutoCloseable {
    /** The mock logs every request at INFO through java.util.logging; consoles are for people. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        QUIET.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final Path kubeconfig;
    private final Map<String, String> logs = new ConcurrentHashMap<>();

    private SimulatedApiServer(Path kubeconfig) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new PodLogDispatcher(responses, logs), false);
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts the server and writes {@code kubeconfig} with one context (also the current one).
     *
     * @param comment first line of the kubeconfig, saying what this cluster is
     */
    public static SimulatedApiServer start(Path kubeconfig, String context, String namespace, String token, String comment)
            throws IOException {
        SimulatedApiServer s = new SimulatedApiServer(kubeconfig);
        s.server.init(InetAddress.getLoopbackAddress(), 0);
        Files.writeString(kubeconfig, """
                # %5$s
                apiVersion: v1
                kind: Config
                clusters:
                  - name: %1$s
                    cluster: {server: "%2$s"}
                users:
                  - name: helpdesk
                    user: {token: %4$s}
                contexts:
                  - name: %1$s
                    context: {cluster: %1$s, user: helpdesk, namespace: %3$s}
                current-context: %1$s
                """.formatted(context, s.url(), namespace, token, comment));
        return s;
    }

    /** A client straight to the server, for seeding; tools reach it through the kubeconfig. */
    public KubernetesClient client() {
        return server.createClient();
    }

    /** Pod logs served by the API: key {@code pod/container}, or {@code pod/container/previous}. */
    public Map<String, String> logs() {
        return logs;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public String url() {
        return server.url("/").replaceAll("/$", "");
    }

    @Override
    public void close() {
        server.destroy();
    }
}
