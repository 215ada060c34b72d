package io.aihelpdesk.tools.postgres;

import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.activity.GetActiveConnections;
import io.aihelpdesk.tools.postgres.activity.GetConnectionStats;
import io.aihelpdesk.tools.postgres.activity.GetLongTransactions;
import io.aihelpdesk.tools.postgres.activity.GetSessionInfo;
import io.aihelpdesk.tools.postgres.activity.GetWaitEvents;
import io.aihelpdesk.tools.postgres.config.GetConfigParameter;
import io.aihelpdesk.tools.postgres.config.GetExtensions;
import io.aihelpdesk.tools.postgres.config.GetPgSettings;
import io.aihelpdesk.tools.postgres.locks.GetBlockingQueries;
import io.aihelpdesk.tools.postgres.locks.GetLockInfo;
import io.aihelpdesk.tools.postgres.maintenance.GetIndexHealth;
import io.aihelpdesk.tools.postgres.maintenance.GetSequenceHealth;
import io.aihelpdesk.tools.postgres.maintenance.GetTableStats;
import io.aihelpdesk.tools.postgres.maintenance.GetVacuumStatus;
import io.aihelpdesk.tools.postgres.queries.ExplainQuery;
import io.aihelpdesk.tools.postgres.queries.RunReadonlyQuery;
import io.aihelpdesk.tools.postgres.queries.GetSlowQueries;
import io.aihelpdesk.tools.postgres.replication.GetReplicationSlots;
import io.aihelpdesk.tools.postgres.replication.GetReplicationStatus;
import io.aihelpdesk.tools.postgres.server.CheckConnection;
import io.aihelpdesk.tools.postgres.server.GetDatabaseInfo;
import io.aihelpdesk.tools.postgres.server.GetDatabaseStats;
import io.aihelpdesk.tools.postgres.server.GetServerInfo;
import io.aihelpdesk.tools.postgres.storage.GetCheckpointStats;
import io.aihelpdesk.tools.postgres.storage.GetDiskUsage;
import java.util.List;

/** The PostgreSQL diagnostic tools, in the order an agent should usually reach for them. */
public final class PostgresToolset {
    private PostgresToolset() {
    }

    public static List<ToolDefinition<?, ?>> all() {
        return List.of(
                CheckConnection.definition(),
                GetServerInfo.definition(),
                GetDatabaseInfo.definition(),
                GetActiveConnections.definition(),
                GetConnectionStats.definition(),
                GetLockInfo.definition(),
                GetBlockingQueries.definition(),
                GetWaitEvents.definition(),
                GetLongTransactions.definition(),
                GetSessionInfo.definition(),
                GetDatabaseStats.definition(),
                GetSlowQueries.definition(),
                ExplainQuery.definition(),
                RunReadonlyQuery.definition(),
                GetTableStats.definition(),
                GetVacuumStatus.definition(),
                GetIndexHealth.definition(),
                GetSequenceHealth.definition(),
                GetDiskUsage.definition(),
                GetCheckpointStats.definition(),
                GetConfigParameter.definition(),
                GetPgSettings.definition(),
                GetExtensions.definition(),
                GetReplicationStatus.definition(),
                GetReplicationSlots.definition());
    }
}
