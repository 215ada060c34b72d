package io.aihelpdesk.tools.postgres.queries;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code run_readonly_query}: the questions no preset tool answers, answered with one read-only
 * statement. Layers, each enough on its own for the common attacks and tested on its own:
 * {@link ReadOnlyStatement} (one statement of an allowed kind, no data-modifying keywords, no
 * side-effect functions), a cursor the server only accepts for a plain query, an explicit
 * {@code READ ONLY} transaction that is always rolled back, local timeouts, row and size caps, and
 * optionally a dedicated role ({@code HELPDESK_QUERY_ROLE}).
 */
public final class RunReadonlyQuery {
    static final String REFUSED = "query_refused";
    /** Total characters of values returned at most. */
    static final long MAX_CHARS = 262_144;
    /** Characters of one value at most; longer values are cut and say so. */
    static final int MAX_CELL = 2_000;

    private RunReadonlyQuery() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Exactly one read-only statement: SELECT, WITH ... SELECT, VALUES, TABLE, SHOW, or EXPLAIN (never "
                    + "ANALYZE) of a SELECT. Write values into the text; no bind parameters.", required = true) String sql,
            @Param(value = "Rows to return at most", defaultValue = "100", min = 1, max = 1000) int maxRows) {
    }

    public record Reply(
            @Describe("Kind of statement run: select, with, values, table, show or explain") String statement,
            @Describe("Column names, in order") List<String> columns,
            @Describe("PostgreSQL type name of each column") List<String> types,
            @Describe("Rows, each a list of values in column order") List<List<Object>> rows,
            @Describe("Rows returned") int rowCount,
            @Describe("Whether more rows (or more data) existed than were returned") boolean truncated,
            @Describe("Why the result was cut short: max_rows, size (262144 characters), or null") String truncatedBy,
            @Describe("Values longer than 2000 characters that were cut") int valuesCut) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("run_readonly_query",
                "Run one read-only SQL statement (SELECT, WITH ... SELECT, VALUES, TABLE, SHOW, or EXPLAIN without ANALYZE) for "
                        + "questions no other tool answers. Runs in a READ ONLY transaction that is always rolled back, with the "
                        + "session's timeouts and a row cap; refuses multiple statements, writes (also in CTEs), SELECT INTO, row "
                        + "locks and functions with side effects or file/network access. Prefer the specific tools when one fits.",
                Params.class, Reply.class, RunReadonlyQuery::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        SqlRunner sql = ctx.sql();
        boolean standard = Boolean.TRUE.equals(sql.rows(ExplainQuery.STANDARD_STRINGS).get(0).get("standard"));
        ReadOnlyStatement.Checked checked;
        try {
            checked = ReadOnlyStatement.forQuery(p.sql(), standard);
        } catch (ReadOnlyStatement.Refused e) {
            throw new ToolFailure(new Diagnosis(REFUSED, "run_readonly_query refused the statement: " + e.getMessage(),
                    "pass one read-only statement; to change data or settings use a remediation tool (they are governed and approvable)", ""));
        }
        SqlRunner.QueryResult r;
        try {
            r = sql.readOnlyQuery(checked.text(), ReadOnlyStatement.SELECT_LIKE.contains(checked.kind()),
                    new SqlRunner.QueryLimits(p.maxRows(), MAX_CHARS, MAX_CELL));
        } catch (SQLException e) {
            ToolFailure diagnosed = failure(e);
            if (diagnosed == null) {
                throw e; // connection-level: the invoker diagnoses those for every tool
            }
            throw diagnosed;
        }
        String by = r.rowCapHit() ? "max_rows" : r.charCapHit() ? "size" : null;
        Reply reply = new Reply(checked.kind(), r.columns(), r.types(), r.rows(), r.rows().size(), by != null, by, r.cellsCut());
        return Result.of(reply, r.rows().size() + " row" + (r.rows().size() == 1 ? "" : "s") + " (" + checked.kind() + ")"
                + (by == null ? "" : "; cut short by " + (by.equals("size") ? "the size cap" : "max_rows=" + p.maxRows()) + ": narrow the query"));
    }

    /** What the server said, as a diagnosis: a refused write, a timeout, or an error in the statement; null for anything else. */
    private static ToolFailure failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = e.getMessage();
        if (state.equals("25006")) {
            return new ToolFailure(new Diagnosis(REFUSED, "the database refused a write inside the read-only transaction: " + msg,
                    "run_readonly_query only reads; use a remediation tool to change data", state), e);
        }
        if (state.equals("57014") || state.equals("55P03")) {
            return new ToolFailure(new Diagnosis("query_timeout", "the query was cancelled by its " + (state.equals("55P03") ? "lock" : "statement")
                    + " timeout: " + msg, "narrow it (filters, LIMIT) or look at the plan with explain_query", state), e);
        }
        if (state.startsWith("42") || state.startsWith("22") || state.startsWith("0A") || state.startsWith("34")) {
            return new ToolFailure(new Diagnosis("query_failed", "PostgreSQL rejected the statement: " + msg,
                    "fix the statement (names are case-sensitive when quoted); 42501 means the query role lacks the privilege", state), e);
        }
        return null;
    }
}
