package io.aihelpdesk.server;

import io.aihelpdesk.server.demo.DemoDatabase;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo database (real embedded PostgreSQL), its inventory file and a {@link Helpdesk} over it,
 * shared by the server tests of one JVM.
 */
public final class DemoFixture {
    private static DemoFixture instance;
    public final DemoDatabase database;
    public final Path inventory;
    public final Helpdesk helpdesk;

    private DemoFixture(DemoDatabase database, Path inventory, Helpdesk helpdesk) {
        this.database = database;
        this.inventory = inventory;
        this.helpdesk = helpdesk;
    }

    public static synchronized DemoFixture get() throws Exception {
        if (instance == null) {
            DemoDatabase db = DemoDatabase.start(0);
            Path inv = Files.createTempFile("inventory-", ".yaml");
            Files.writeString(inv, db.inventory());
            instance = new DemoFixture(db, inv, new Helpdesk(InventoryLoader.load(inv), PostgresSettings.defaults(),
                    GovernanceOptions.auditOnly(Files.createTempDirectory("audit-").resolve("audit.db"))));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    instance.helpdesk.close();
                    db.close();
                    Files.deleteIfExists(inv);
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }));
        }
        return instance;
    }
}
