package io.aihelpdesk.tools.postgres;

import io.aihelpdesk.tools.Json;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PGobject;

/**
 * One tool call's database session: a pooled connection borrowed on first use, tagged with
 * {@code application_name = aihelpdesk/<tool>} and the call's trace id so DBAs can find it in
 * {@code pg_stat_activity}, with {@code statement_timeout} and {@code lock_timeout} set for the
 * session. Closing returns the connection.
 */
public final class SqlSession implements SqlRunner, AutoCloseable {
    private final ConnectionPools pools;
    private final DatabaseTarget target;
    private final String applicationName;
    private final boolean readOnly;
    private final String comment;
    /** Every statement sent, as text without bound values (for the audit's raw_command). */
    private final List<String> commands;
    private Connection connection;
    private Integer serverVersion;

    public SqlSession(ConnectionPools pools, DatabaseTarget target, String tool, String traceId, boolean readOnly) {
        this(pools, target, tool, traceId, null, readOnly, new java.util.ArrayList<>());
    }

    /**
     * @param principal who asked; with the trace id it leads every statement as a comment
     *                  ({@code /* aihelpdesk trace=… principal=… *}{@code /}) so server logs join to the audit chain
     */
    public SqlSession(ConnectionPools pools, DatabaseTarget target, String tool, String traceId, String principal,
                      boolean readOnly, List<String> commands) {
        this.commands = commands;
        this.pools = pools;
        this.target = target;
        String name = "aihelpdesk/" + tool + (traceId == null ? "" : " " + traceId);
        this.applicationName = name.length() > 63 ? name.substring(0, 63) : name;
        this.readOnly = readOnly;
        this.comment = "/* aihelpdesk tool=" + safe(tool) + " trace=" + safe(traceId) + " principal=" + safe(principal) + " */ ";
    }

    /** Keeps only characters that cannot end or nest a SQL comment. */
    private static String safe(String s) {
        return s == null ? "-" : s.replaceAll("[^A-Za-z0-9_.@:-]", "_");
    }

    public DatabaseTarget target() {
        return target;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Connection c = pools.borrow(target.spec(), readOnly);
            PostgresSettings s = pools.settings();
            try (PreparedStatement ps = c.prepareStatement(
                    "select set_config('application_name', ?, false), set_config('statement_timeout', ?, false),"
                            + " set_config('lock_timeout', ?, false)")) {
                ps.setString(1, applicationName);
                ps.setString(2, s.statementTimeout().toMillis() + "ms");
                ps.setString(3, s.lockTimeout().toMillis() + "ms");
                ps.execute();
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    @Override
    public List<Map<String, Object>> rows(String sql, Object... binds) throws SQLException {
        return fetch(sql, 0, binds);
    }

    @Override
    public <T> List<T> list(Class<T> type, String sql, Object... binds) throws SQLException {
        return rows(sql, binds).stream().map(r -> Json.fromRow(r, type)).toList();
    }

    @Override
    public <T> Capped<T> capped(Class<T> type, int limit, String sql, Object... binds) throws SQLException {
        List<Map<String, Object>> rows = fetch(sql, limit + 1, binds);
        boolean truncated = rows.size() > limit;
        List<T> out = rows.stream().limit(limit).map(r -> Json.fromRow(r, type)).toList();
        return new Capped<>(out, truncated);
    }

    @Override
    public <T> Optional<T> one(Class<T> type, String sql, Object... binds) throws SQLException {
        List<Map<String, Object>> rows = fetch(sql, 1, binds);
        return rows.isEmpty() ? Optional.empty() : Optional.of(Json.fromRow(rows.get(0), type));
    }

    @Override
    public int execute(String sql, Object... binds) throws SQLException {
        if (readOnly) {
            throw new SQLException("a read-only tool may not run '" + sql.strip() + "'", "25006");
        }
        commands.add(sql.strip());
        Connection c = connection();
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        try (PreparedStatement ps = c.prepareStatement(comment + sql)) {
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 1, binds[i]);
            }
            ps.execute();
            return Math.max(0, ps.getUpdateCount());
        }
    }

    @Override
    public int serverVersion() throws SQLException {
        if (serverVersion == null) {
            serverVersion = Integer.parseInt(String.valueOf(
                    fetch("select current_setting('server_version_num')", 1).get(0).values().iterator().next()));
        }
        return serverVersion;
    }

    private List<Map<String, Object>> fetch(String sql, int maxRows, Object... binds) throws SQLException {
        commands.add(sql.strip());
        try (PreparedStatement ps = connection().prepareStatement(comment + sql)) {
            if (maxRows > 0) {
                ps.setMaxRows(maxRows);
            }
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 1, binds[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs, i, md.getColumnTypeName(i)));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    @Override
    public QueryResult readOnlyQuery(String statement, boolean cursor, QueryLimits limits) throws SQLException {
        commands.add(statement.strip());
        Connection c = connection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set transaction read only"); // first statement of the transaction: nothing can change it back
            try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', ?, true), "
                    + "set_config('lock_timeout', ?, true), set_config('idle_in_transaction_session_timeout', ?, true)")) {
                long ms = pools.settings().statementTimeout().toMillis();
                ps.setString(1, ms + "ms");
                ps.setString(2, Math.min(ms, pools.settings().lockTimeout().toMillis()) + "ms");
                ps.setString(3, (ms + 5000) + "ms");
                ps.execute();
            }
            String role = pools.settings().queryRole();
            if (role != null) {
                s.execute("set local role " + quoteIdentifier(role));
            }
            s.setMaxRows(limits.rows() + 1);
            // A plain Statement: the text is sent as written (no '?' placeholders), and it is one statement (checked by the caller).
            if (cursor) {
                s.execute(comment + "declare aihelpdesk_query no scroll cursor for " + statement);
                try (ResultSet rs = s.executeQuery("fetch forward " + (limits.rows() + 1) + " from aihelpdesk_query")) {
                    return read(rs, limits);
                }
            }
            try (ResultSet rs = s.executeQuery(comment + statement)) {
                return read(rs, limits);
            }
        } finally {
            if (!c.isClosed()) { // the pool closes a connection on errors it deems fatal (e.g. 0A000); nothing to roll back then
                try {
                    c.rollback();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private static QueryResult read(ResultSet rs, QueryLimits limits) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
            types.add(md.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        long chars = 0;
        int cut = 0;
        boolean rowCap = false;
        boolean charCap = false;
        while (rs.next()) {
            if (rows.size() == limits.rows()) {
                rowCap = true;
                break;
            }
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                Object v = value(rs, i, types.get(i - 1));
                if (v instanceof String text && text.length() > limits.cellChars()) {
                    v = text.substring(0, limits.cellChars()) + "… (" + text.length() + " characters)";
                    cut++;
                }
                chars += v == null ? 4 : String.valueOf(v).length();
                row.add(v);
            }
            if (chars > limits.chars()) {
                charCap = true;
                break;
            }
            rows.add(row);
        }
        return new QueryResult(columns, types, rows, rowCap, charCap, cut);
    }

    /** A double-quoted identifier (embedded quotes doubled). */
    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static Object value(ResultSet rs, int i, String typeName) throws SQLException {
        switch (typeName) {
            case "timestamptz":
                return rs.getObject(i, OffsetDateTime.class);
            case "timestamp":
                return rs.getObject(i, LocalDateTime.class);
            case "date":
                return rs.getObject(i, LocalDate.class);
            default:
                break;
        }
        Object v = rs.getObject(i);
        if (v instanceof Array a) {
            return Arrays.asList((Object[]) a.getArray());
        }
        if (v instanceof PGobject o) {
            return o.getValue();
        }
        if (v instanceof byte[]) {
            return "(" + ((byte[]) v).length + " bytes)";
        }
        return v;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            Connection c = connection;
            connection = null;
            c.close();
        }
    }
}
