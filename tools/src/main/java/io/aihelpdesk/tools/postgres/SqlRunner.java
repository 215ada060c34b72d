package io.aihelpdesk.tools.postgres;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capability database tools get: run parameterised SQL on the one resolved target, in one
 * session with the tool's timeouts and {@code application_name}. Values are always bind
 * parameters; nothing here concatenates caller input into SQL.
 */
public interface SqlRunner {
    /** Rows as column name → value maps (timestamps as OffsetDateTime, arrays as lists). */
    List<Map<String, Object>> rows(String sql, Object... binds) throws SQLException;

    /** Rows mapped to a record whose snake_case component names match the column labels. */
    <T> List<T> list(Class<T> type, String sql, Object... binds) throws SQLException;

    /** At most {@code limit} rows, and whether more were available. */
    <T> Capped<T> capped(Class<T> type, int limit, String sql, Object... binds) throws SQLException;

    /** The first row, if any. */
    <T> Optional<T> one(Class<T> type, String sql, Object... binds) throws SQLException;

    /**
     * Runs one statement that returns no rows (VACUUM, ALTER SYSTEM), in autocommit so statements
     * that refuse a transaction block can run; returns the update count (0 for utility statements).
     * Identifiers in {@code sql} must already be quoted by the server ({@code quote_ident}).
     */
    int execute(String sql, Object... binds) throws SQLException;

    /** {@code server_version_num}, e.g. 170004; catalog SQL branches on it. */
    int serverVersion() throws SQLException;

    /** Rows capped at a limit, with an explicit flag when the cap cut the result short. */
    record Capped<T>(List<T> rows, boolean truncated) {
        public Capped {
            rows = List.copyOf(rows);
        }
    }
}
