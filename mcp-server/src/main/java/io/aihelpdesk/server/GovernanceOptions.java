package io.aihelpdesk.server;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.governance.policy.Verdict;
import java.nio.file.Path;

/**
 * Where the audit chain lives and which policy applies.
 *
 * @param auditDb        SQLite file of the audit chain (created when missing)
 * @param auditUrl       PostgreSQL connection string of a shared audit chain (several server
 *                       replicas); when set it is used instead of {@code auditDb}
 * @param policyFile     policy YAML, or null for no enforcement (every call still audited)
 * @param defaultVerdict what applies when no policy matches (deny unless configured otherwise)
 * @param dryRun         allow everything but record what the policy would have decided
 * @param mode           readonly (default) or fix: whether tools that change databases and clusters are offered
 * @param approvals      where approvals are kept and who is notified
 */
public record GovernanceOptions(Path auditDb, String auditUrl, Path policyFile, Verdict defaultVerdict, boolean dryRun,
                                OperatingMode mode, ApprovalSettings approvals) {
    /** Read-only, default approval settings. */
    public GovernanceOptions(Path auditDb, String auditUrl, Path policyFile, Verdict defaultVerdict, boolean dryRun) {
        this(auditDb, auditUrl, policyFile, defaultVerdict, dryRun, OperatingMode.READONLY, ApprovalSettings.DEFAULTS);
    }

    /** The same options in another operating mode. */
    public GovernanceOptions withMode(OperatingMode m) {
        return new GovernanceOptions(auditDb, auditUrl, policyFile, defaultVerdict, dryRun, m, approvals);
    }

    /** The audit database used when none is configured: {@code ~/.local/state/aihelpdesk/audit.db}. */
    public static Path defaultAuditDb() {
        return Path.of(System.getProperty("user.home", "."), ".local", "state", "aihelpdesk", "audit.db");
    }

    public static GovernanceOptions auditOnly(Path auditDb) {
        return new GovernanceOptions(auditDb, null, null, Verdict.DENY, false);
    }
}
