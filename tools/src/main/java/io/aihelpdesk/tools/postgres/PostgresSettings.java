package io.aihelpdesk.tools.postgres;

import java.time.Duration;

/**
 * Limits applied to every tool session.
 *
 * @param connectTimeout   how long to wait for a server to accept a connection
 * @param statementTimeout {@code statement_timeout} of each tool session
 * @param lockTimeout      {@code lock_timeout}: a diagnostic query never queues behind a lock for long
 * @param poolSize         connections kept per target at most
 * @param poolIdle         an unused target's pool is closed after this long
 * @param queryRole        the role {@code run_readonly_query} statements run as ({@code SET LOCAL ROLE}),
 *                         e.g. one granted only {@code pg_read_all_data}; null to run as the login role
 */
public record PostgresSettings(Duration connectTimeout, Duration statementTimeout, Duration lockTimeout,
                               int poolSize, Duration poolIdle, String queryRole) {
    public static PostgresSettings defaults() {
        return new PostgresSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5), 4,
                Duration.ofMinutes(5), null);
    }

    public PostgresSettings withStatementTimeout(Duration timeout) {
        return new PostgresSettings(connectTimeout, timeout, lockTimeout, poolSize, poolIdle, queryRole);
    }

    public PostgresSettings withQueryRole(String role) {
        return new PostgresSettings(connectTimeout, statementTimeout, lockTimeout, poolSize, poolIdle,
                role == null || role.isBlank() ? null : role);
    }
}
