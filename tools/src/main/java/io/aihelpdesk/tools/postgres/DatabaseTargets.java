package io.aihelpdesk.tools.postgres;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Resolves the {@code connection_string} argument of a database tool to a {@link DatabaseTarget}:
 * an inventory id, a libpq key/value string, a URI, or empty for the {@code PG*} environment. With
 * an inventory configured, anything that is not in it is refused unless it allows unregistered
 * targets (fail closed).
 */
public final class DatabaseTargets {
    private final Inventory inventory;
    private final ConnectionStrings parser;
    private final UnaryOperator<String> env;

    public DatabaseTargets(Inventory inventory, ConnectionStrings parser, UnaryOperator<String> env) {
        this.inventory = inventory;
        this.parser = parser;
        this.env = env;
    }

    public static DatabaseTargets of(Inventory inventory) {
        return new DatabaseTargets(inventory, ConnectionStrings.fromEnvironment(), System::getenv);
    }

    public Inventory inventory() {
        return inventory;
    }

    /**
     * @throws IllegalArgumentException when the text is not a valid connection string (an argument error)
     * @throws ToolFailure when the target is not allowed or its inventory entry is unusable
     */
    public DatabaseTarget resolve(String connectionString) throws ToolFailure {
        String text = connectionString == null ? "" : connectionString.trim();
        if (!text.isEmpty() && !ConnectionStrings.looksLikeConnectionString(text)) {
            DbServer db = inventory.database(text).orElseThrow(() -> unknownId(text));
            return fromInventory(db);
        }
        ConnectionSpec spec = parser.parse(text);
        for (DbServer db : inventory.dbServers().values()) {
            ConnectionSpec registered;
            try {
                registered = parser.parse(db.connectionString());
            } catch (IllegalArgumentException e) {
                continue; // reported when that entry is used by id
            }
            if (sameServer(registered, spec)) {
                return new DatabaseTarget(db.id(), db.id(), db.tags(), spec.password() == null ? withPassword(db, spec) : spec);
            }
        }
        if (inventory.configured() && !inventory.allowUnregistered()) {
            throw new ToolFailure(new Diagnosis("target_not_registered",
                    "database " + spec.address() + "/" + spec.dbname() + " is not in the inventory " + inventory.source(),
                    "use one of the inventory ids " + inventory.dbServers().keySet()
                            + ", or add it to the inventory (or set allow_unregistered: true)", ""));
        }
        return new DatabaseTarget("", spec.dbname(), List.of(), spec);
    }

    private DatabaseTarget fromInventory(DbServer db) throws ToolFailure {
        ConnectionSpec spec;
        try {
            spec = parser.parse(db.connectionString());
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(new Diagnosis("inventory_invalid", "inventory entry '" + db.id()
                    + "' has an invalid connection_string: " + e.getMessage(), "fix it in " + inventory.source(), ""));
        }
        return new DatabaseTarget(db.id(), db.id(), db.tags(), withPassword(db, spec));
    }

    private ConnectionSpec withPassword(DbServer db, ConnectionSpec spec) throws ToolFailure {
        if (db.passwordEnv() == null) {
            return spec;
        }
        String password = env.apply(db.passwordEnv());
        if (password == null) {
            throw new ToolFailure(new Diagnosis("password_env_unset", "inventory entry '" + db.id()
                    + "' takes its password from environment variable " + db.passwordEnv() + ", which is not set",
                    "export " + db.passwordEnv() + " in the server's environment", ""));
        }
        return spec.withPassword(password);
    }

    private ToolFailure unknownId(String id) {
        if (!inventory.configured()) {
            return new ToolFailure(new Diagnosis("unknown_target", "'" + id + "' is neither a connection string nor an inventory id, and no inventory is configured",
                    "pass a libpq string such as 'host=db1 dbname=app user=me' or a postgresql:// URI, or configure an inventory with --inventory or HELPDESK_INFRA_CONFIG", ""));
        }
        return new ToolFailure(new Diagnosis("unknown_target", "no database '" + id + "' in the inventory " + inventory.source(),
                "known database ids: " + inventory.dbServers().keySet(), ""));
    }

    private static boolean sameServer(ConnectionSpec a, ConnectionSpec b) {
        return a.hosts().equals(b.hosts()) && a.ports().equals(b.ports()) && a.dbname().equals(b.dbname())
                && a.user().equals(b.user());
    }
}
