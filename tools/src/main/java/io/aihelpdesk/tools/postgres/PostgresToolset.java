package io.aihelpdesk.tools.postgres;

import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.locks.GetLockInfo;
import io.aihelpdesk.tools.postgres.maintenance.GetIndexHealth;
import io.aihelpdesk.tools.postgres.maintenance.GetSequenceHealth;
import io.aihelpdesk.tools.postgres.maintenance.GetTableStats;
import io.aihelpdesk.tools.postgres.maintenance.GetVacuumStatus;
import io.aihelpdesk.tools.postgres.queries.ExplainQuery;
import io.aihelpdesk.tools.postgres.queries.GetSlowQueries;
import io.aihelpdesk.tools.postgres.server.CheckConnection;
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
                GetLockInfo.definition(),
                GetTableStats.definition(),
                GetVacuumStatus.definition(),
                GetIndexHealth.definition(),
                GetSequenceHealth.definition(),
                GetDiskUsage.definition(),
                GetCheckpointStats.definition(),
                GetSlowQueries.definition(),
                ExplainQuery.definition());
    }
}
