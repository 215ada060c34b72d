package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.demo.DemoDatabase;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() throws Exception {
        System.err.println("Starting embedded PostgreSQL and seeding the demo database…");
        Path dir = Files.createTempDirectory("aihelpdesk-demo-");
        DemoDatabase db = DemoDatabase.start(pgPort);
        Path inventoryFile = dir.resolve("inventory.yaml");
        Files.writeString(inventoryFile, "version: \"1\"\ndb_servers:\n  demo:\n    name: Demo shop database\n"
                + "    connection_string: \"" + db.connectionString() + "\"\n    tags: [demo, development]\n");
        Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(inventoryFile), new ServerOptions().settings());
        HttpServer server = HttpServer.start(helpdesk, "127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Stopping demo: HTTP server, PostgreSQL, temporary files…");
            ServeCommand.closeQuietly(server);
            helpdesk.close();
            ServeCommand.closeQuietly(db);
            ServeCommand.closeQuietly(() -> Files.deleteIfExists(inventoryFile));
            ServeCommand.closeQuietly(() -> Files.deleteIfExists(dir));
            stopped.countDown();
        }));
        System.out.println(DemoBanner.text(db, server.port(), inventoryFile, launcher()));
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
