package io.aihelpdesk.tools.kubernetes;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A real Kubernetes API server mock over HTTP (fabric8 {@link KubernetesMockServer} in CRUD mode,
 * plus expectations for what CRUD mode does not serve, such as logs), a kubeconfig file whose
 * contexts point at it, and an {@link Invoker} whose Kubernetes tools reach it through that
 * kubeconfig like they would reach a real cluster.
 *
 * <p>Contexts: {@code mock} (current) and {@code mock-staging}, both on the same server.
 */
public final class KubeFixture implements AutoCloseable {
    public static final String CONTEXT = "mock";
    public static final String OTHER_CONTEXT = "mock-staging";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path dir;
    private final Path kubeconfig;
    private final List<KubernetesTargets> opened = new ArrayList<>();
    private Invoker plain;

    public KubeFixture() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        try {
            dir = Files.createTempDirectory("kubefixture");
            kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, kubeconfig(server.url("/").replaceAll("/$", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kubeconfig(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                  - name: helpdesk
                    user: {token: mock-token-not-a-secret}
                contexts:
                  - name: mock
                    context: {cluster: mock, user: helpdesk, namespace: default}
                  - name: mock-staging
                    context: {cluster: mock, user: helpdesk, namespace: staging}
                current-context: mock
                """.formatted(url);
    }

    /** The mock server, for expectations (logs, metrics, errors). */
    public KubernetesMockServer server() {
        return server;
    }

    /** A client straight to the mock, for creating fixtures; tools never use it. */
    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public KubernetesSettings settings() {
        return new KubernetesSettings(kubeconfig, KubernetesSettings.DEFAULT_TIMEOUT);
    }

    /** An invoker over the Kubernetes tools with this fixture's kubeconfig and the given inventory. */
    public Invoker invoker(Inventory inventory) {
        KubernetesTargets targets = new KubernetesTargets(inventory, new KubernetesClients(settings()));
        opened.add(targets);
        return new Invoker(new Catalog(KubernetesToolset.all()), DatabaseTargets.of(inventory),
                new ConnectionPools(PostgresSettings.defaults()), targets);
    }

    /** Runs one tool ungoverned (tools-module tests; governance is tested where it lives). */
    public Outcome call(String tool, Map<String, Object> args) {
        if (plain == null) {
            plain = invoker(Inventory.none());
        }
        return plain.invoke(new Invocation(tool, args, Caller.osUser("test"), null, "test"));
    }

    /** Runs a tool and fails the test unless it succeeded. */
    public Outcome.Succeeded ok(String tool, Map<String, Object> args) {
        Outcome o = call(tool, args);
        org.assertj.core.api.Assertions.assertThat(o).as(o.toString()).isInstanceOf(Outcome.Succeeded.class);
        return (Outcome.Succeeded) o;
    }

    /** Runs a tool and fails the test unless it failed (with a diagnosis). */
    public Outcome.Failed failed(String tool, Map<String, Object> args) {
        Outcome o = call(tool, args);
        org.assertj.core.api.Assertions.assertThat(o).as(o.toString()).isInstanceOf(Outcome.Failed.class);
        return (Outcome.Failed) o;
    }

    /** The row named {@code name} in the list {@code list} of a reply. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> named(Map<String, Object> reply, String list, String name) {
        return ((List<Map<String, Object>>) reply.get(list)).stream().filter(x -> name.equals(x.get("name"))).findFirst().orElseThrow();
    }

    /** The one-line human summary that leads the text rendering. */
    public static String summary(Outcome.Succeeded s) {
        return s.text().lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        opened.forEach(KubernetesTargets::close);
        client.close();
        server.destroy();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
