package io.aihelpdesk.server;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;

/**
 * The assembled application: inventory, catalog, connection pools and the invocation seam. Every
 * door (stdio, HTTP, CLI) is built on one instance of this.
 */
public final class Helpdesk implements AutoCloseable {
    private final Inventory inventory;
    private final Catalog catalog;
    private final ConnectionPools pools;
    private final Invoker invoker;

    public Helpdesk(Inventory inventory, PostgresSettings settings) {
        this.inventory = inventory;
        this.catalog = new Catalog(PostgresToolset.all());
        this.pools = new ConnectionPools(settings);
        this.invoker = new Invoker(catalog, DatabaseTargets.of(inventory), pools);
    }

    public Inventory inventory() {
        return inventory;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Invoker invoker() {
        return invoker;
    }

    @Override
    public void close() {
        pools.close();
    }
}
