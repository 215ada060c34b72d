package io.aihelpdesk.tools.postgres.queries;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code explain_query}: the estimated plan of one SELECT, without running it. Three defenses keep it
 * read-only: {@link ReadOnlyStatement} refuses anything but a single SELECT/WITH/VALUES/TABLE
 * (checked on tokens), the session is read-only, and statement_timeout bounds planning.
 */
public final class ExplainQuery {
    static final String REFUSED = "explain_refused";

    private ExplainQuery() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Exactly one SELECT (or WITH ... SELECT, VALUES, TABLE) statement to explain; it is not executed",
                    required = true) String query) {
    }

    public record Reply(
            @Describe("EXPLAIN output, one line per element") List<String> plan,
            @Describe("Node type of the plan's top node") String topNode,
            @Describe("Planner's estimated total cost of the top node") Double totalCost,
            @Describe("Planner's estimated row count of the top node") Double planRows) {
    }

    static final String STANDARD_STRINGS = "select current_setting('standard_conforming_strings') = 'on' as standard";

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("explain_query",
                "Show the planner's estimated plan (plain EXPLAIN, never ANALYZE: nothing is executed) for exactly one "
                        + "SELECT, WITH ... SELECT, VALUES or TABLE statement, plus the top node's total cost and rows. "
                        + "Refuses DML, DDL, multiple statements, SELECT INTO and FOR UPDATE/SHARE.",
                Params.class, Reply.class, ExplainQuery::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        SqlRunner sql = ctx.sql();
        boolean standard = Boolean.TRUE.equals(sql.rows(STANDARD_STRINGS).get(0).get("standard"));
        String statement;
        try {
            statement = ReadOnlyStatement.forExplain(p.query(), standard);
        } catch (ReadOnlyStatement.Refused e) {
            throw new ToolFailure(new Diagnosis(REFUSED, "explain_query refused the statement: " + e.getMessage(),
                    "pass a single read-only SELECT; to change data use a remediation tool", ""));
        }
        try {
            List<String> plan = sql.rows("explain " + statement).stream()
                    .map(r -> String.valueOf(r.values().iterator().next())).toList();
            JsonNode top = topNode(sql.rows("explain (format json) " + statement));
            Reply r = new Reply(plan, top.path("Node Type").asString(null),
                    top.path("Total Cost").isNumber() ? top.path("Total Cost").asDouble() : null,
                    top.path("Plan Rows").isNumber() ? top.path("Plan Rows").asDouble() : null);
            return Result.of(r, "Plan: " + r.topNode() + " (cost " + r.totalCost() + ", rows " + r.planRows() + ")");
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("42") || state.startsWith("22")) {
                throw new ToolFailure(new Diagnosis("explain_failed", "PostgreSQL could not plan the query: " + e.getMessage(),
                        "fix the statement (names are case-sensitive when quoted; check the schema with get_table_stats)", state), e);
            }
            throw e;
        }
    }

    private static JsonNode topNode(List<Map<String, Object>> rows) {
        String json = String.valueOf(rows.get(0).values().iterator().next());
        return Json.mapper().readTree(json).path(0).path("Plan");
    }
}
