package io.aihelpdesk.tools;

import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.DatabaseTarget;
import io.aihelpdesk.tools.postgres.SqlRunner;

/**
 * What a handler may use for one call: the capabilities bound to the resolved target and the
 * limits of this call. It deliberately offers nothing that reaches another target.
 */
public final class ToolContext {
    /** Row cap for list results unless a tool documents its own. */
    public static final int DEFAULT_ROW_LIMIT = 100;

    private final Invocation invocation;
    private final DatabaseTarget database;
    private final SqlRunner sql;
    private final Inventory inventory;

    ToolContext(Invocation invocation, DatabaseTarget database, SqlRunner sql, Inventory inventory) {
        this.invocation = invocation;
        this.database = database;
        this.sql = sql;
        this.inventory = inventory;
    }

    public Invocation invocation() {
        return invocation;
    }

    /** The SQL capability of a {@link TargetKind#DATABASE} tool. */
    public SqlRunner sql() {
        if (sql == null) {
            throw new IllegalStateException(invocation.tool() + " is not a database tool");
        }
        return sql;
    }

    public DatabaseTarget database() {
        if (database == null) {
            throw new IllegalStateException(invocation.tool() + " is not a database tool");
        }
        return database;
    }

    /** The inventory, without secrets beyond what the inventory file itself holds. */
    public Inventory inventory() {
        return inventory;
    }
}
