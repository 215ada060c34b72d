package io.aihelpdesk.server;

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
 */
public record GovernanceOptions(Path auditDb, String auditUrl, Path policyFile, Verdict defaultVerdict, boolean dryRun) {
    /** The audit database used when none is configured: {@code ~/.local/state/aihelpdesk/audit.db}. */
    public static Path defaultAuditDb() {
        return Path.of(System.getProperty("user.home", "."), ".local", "state", "aihelpdesk", "audit.db");
    }

    public static GovernanceOptions auditOnly(Path auditDb) {
        return new GovernanceOptions(auditDb, null, null, Verdict.DENY, false);
    }
}
