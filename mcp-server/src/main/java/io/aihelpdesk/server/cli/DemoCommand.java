package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.demo.DemoCluster;
import io.aihelpdesk.server.demo.DemoDatabase;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code helpdesk demo}: an embedded PostgreSQL seeded with a small shop, registered as inventory id
 * {@code demo}, served over HTTP, with client configurations to paste. Ctrl-C stops everything and
 * removes the temporary data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded PostgreSQL (inventory id 'demo') and the HTTP server, and print client configs.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (0 = any free port). Default: 8080.")
    int port = 8080;

    @Option(names = "--pg-port", paramLabel = "PORT", description = "PostgreSQL port (0 = any free port). Default: 0.")
    int pgPort;

    @Option(names = "--mode", paramLabel = "MODE", description = "readonly (default) or fix: also offer the remediation tools "
            + "(no policy in the demo: every call is allowed and audited). Default: $HELPDESK_MODE, else readonly.")
    String mode;

    @Override
    public Integer call() throws Exception {
        // Register cleanup before starting anything, so Ctrl-C during start-up leaves nothing behind.
        Deque<AutoCloseable> started = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.err.println("Stopping demo: HTTP server, PostgreSQL, temporary files…");
            synchronized (started) {
                while (!started.isEmpty()) {
                    ServeCommand.closeQuietly(started.pop());
                }
            }
            stopped.countDown();
        }));
        try {
            return run(started, stopped);
        } catch (Exception e) {
            if (stopping.get()) {
                return 130; // interrupted during start-up; the hook cleans up
            }
            throw e;
        }
    }

    private int run(Deque<AutoCloseable> started, CountDownLatch stopped) throws Exception {
        System.err.println("Starting embedded PostgreSQL and seeding the demo database…");
        Path dir = Files.createTempDirectory("aihelpdesk-demo-");
        Path inventoryFile = dir.resolve("inventory.yaml");
        Path dataDir = dir.resolve("pgdata");
        synchronized (started) {
            started.push(() -> DemoDatabase.deleteTree(dir));
        }
        // Started on another thread so a Ctrl-C during initdb can wait for it and then stop it.
        CompletableFuture<DemoDatabase> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return DemoDatabase.start(pgPort, dataDir);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, task -> new Thread(task, "demo-postgres-start").start());
        synchronized (started) {
            started.push(() -> {
                try {
                    starting.get(60, TimeUnit.SECONDS).close();
                } catch (Exception interrupted) {
                    DemoDatabase.stopInterrupted(dataDir);
                }
            });
        }
        DemoDatabase db;
        try {
            db = starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        DemoCluster cluster = DemoCluster.start(dir.resolve("kubeconfig"));
        synchronized (started) {
            started.push(cluster);
        }
        Files.writeString(inventoryFile, db.inventoryInCluster());
        Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(inventoryFile), new ServerOptions().settings(),
                new KubernetesSettings(cluster.kubeconfig(), KubernetesSettings.DEFAULT_TIMEOUT),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")).withMode(io.aihelpdesk.governance.OperatingMode.parse(
                        EnvDefaults.text(mode, "HELPDESK_MODE", null), mode != null ? "--mode" : "HELPDESK_MODE")));
        synchronized (started) {
            started.push(helpdesk);
        }
        HttpServer server = HttpServer.start(helpdesk, "127.0.0.1", port);
        synchronized (started) {
            started.push(server);
        }
        System.out.println(DemoBanner.text(db, cluster, server.port(), inventoryFile, launcher()));
        System.out.flush();
        server.join();
        stopped.await();
        return 0;
    }

    private static String launcher() {
        String l = System.getProperty("helpdesk.launcher");
        return l == null || l.isBlank() ? "helpdesk" : l;
    }
}
