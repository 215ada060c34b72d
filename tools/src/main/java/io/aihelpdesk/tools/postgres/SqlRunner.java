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

    /**
     * Runs one caller-written statement that the caller has already checked to be a single read-only
     * statement, inside an explicit transaction that is {@code READ ONLY} from its first statement and
     * always rolled back, with {@code statement_timeout}, {@code lock_timeout} and
     * {@code idle_in_transaction_session_timeout} set locally, as the configured query role
     * ({@link PostgresSettings#queryRole()}, {@code SET LOCAL ROLE}) when there is one. A SELECT-like statement is read through
     * a cursor ({@code DECLARE … NO SCROLL CURSOR FOR}, which the server itself refuses for anything
     * but one query without data-modifying CTEs), so at most {@code limits.rows() + 1} rows leave the server.
     *
     * @param cursor read through a cursor (SELECT, WITH, VALUES, TABLE); false for SHOW and EXPLAIN
     */
    QueryResult readOnlyQuery(String statement, boolean cursor, QueryLimits limits) throws SQLException;

    /**
     * Bounds of one ad-hoc query: rows returned, total characters of the values, characters per value.
     * The statement timeout and the role it runs as come from the server's settings.
     */
    record QueryLimits(int rows, long chars, int cellChars) {
    }

    /** An ad-hoc query's result: column names and types, rows of values, and which cap cut it short. */
    record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows, boolean rowCapHit, boolean charCapHit,
                       int cellsCut) {
        public QueryResult {
            columns = List.copyOf(columns);
            types = List.copyOf(types);
        }
    }

    /** Rows capped at a limit, with an explicit flag when the cap cut the result short. */
    record Capped<T>(List<T> rows, boolean truncated) {
        public Capped {
            rows = List.copyOf(rows);
        }
    }
}
