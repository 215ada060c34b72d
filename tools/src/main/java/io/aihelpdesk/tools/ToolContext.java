package io.aihelpdesk.tools;

import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
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
    private final KubernetesTarget cluster;
    private final KubernetesClient kubernetes;

    ToolContext(Invocation invocation, DatabaseTarget database, SqlRunner sql, KubernetesTarget cluster,
                KubernetesClient kubernetes, Inventory inventory) {
        this.invocation = invocation;
        this.database = database;
        this.sql = sql;
        this.cluster = cluster;
        this.kubernetes = kubernetes;
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

    /**
     * The fabric8 client of a {@link TargetKind#KUBERNETES} tool, bound to the resolved context. Use
     * {@link #cluster()} for the namespace: the client's own default namespace is not the target.
     */
    public KubernetesClient kubernetes() {
        if (kubernetes == null) {
            throw new IllegalStateException(invocation.tool() + " is not a Kubernetes tool");
        }
        return kubernetes;
    }

    /** Where a Kubernetes tool acts: context, namespace (null = all), inventory database and pod selector. */
    public KubernetesTarget cluster() {
        if (cluster == null) {
            throw new IllegalStateException(invocation.tool() + " is not a Kubernetes tool");
        }
        return cluster;
    }

    /** The inventory, without secrets beyond what the inventory file itself holds. */
    public Inventory inventory() {
        return inventory;
    }
}
