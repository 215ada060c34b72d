package io.aihelpdesk.tools.remediation;

import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.kubernetes.pods.DeletePod;
import io.aihelpdesk.tools.kubernetes.workloads.RestartWorkload;
import io.aihelpdesk.tools.kubernetes.workloads.ScaleWorkload;
import io.aihelpdesk.tools.postgres.activity.SessionSignal;
import io.aihelpdesk.tools.postgres.activity.TerminateIdleConnections;
import io.aihelpdesk.tools.postgres.config.ReloadConfig;
import io.aihelpdesk.tools.postgres.config.ResetPgSetting;
import io.aihelpdesk.tools.postgres.config.SetPgSetting;
import io.aihelpdesk.tools.postgres.maintenance.RunVacuum;
import io.aihelpdesk.tools.postgres.replication.DropReplicationSlot;
import io.aihelpdesk.tools.postgres.replication.WalReplay;
import io.aihelpdesk.tools.rollback.ListRollbacks;
import io.aihelpdesk.tools.rollback.RollbackAction;
import io.aihelpdesk.tools.rollback.RollbackJournal;
import java.util.List;

/**
 * The tools that change things (WRITE and DESTRUCTIVE), and the rollback tools. Every one previews
 * with {@code dry_run}, captures the state before it acts, checks its blast radius with the
 * guardrails, and verifies its effect; reversible ones record their inverse in the journal.
 */
public final class RemediationToolset {
    private RemediationToolset() {
    }

    public static List<ToolDefinition<?, ?>> all(RollbackJournal journal) {
        return List.of(
                SessionSignal.cancelQuery(),
                SessionSignal.terminateConnection(),
                TerminateIdleConnections.definition(),
                RunVacuum.definition(),
                DropReplicationSlot.definition(),
                WalReplay.pause(journal),
                WalReplay.resume(journal),
                SetPgSetting.definition(journal),
                ResetPgSetting.definition(journal),
                ReloadConfig.definition(),
                DeletePod.definition(),
                RestartWorkload.deployment(),
                RestartWorkload.statefulSet(),
                ScaleWorkload.definition(journal),
                ListRollbacks.definition(journal),
                RollbackAction.definition(journal));
    }
}
