package io.aihelpdesk.tools.postgres.maintenance;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code get_sequence_health}: how much of its range each sequence has used, so an exhausted
 * {@code smallint}/{@code integer} sequence is found before inserts fail with "reached maximum value".
 */
public final class GetSequenceHealth {
    static final double AT_RISK_PCT = 75;
    static final int LIMIT = 100;

    private GetSequenceHealth() {
    }

    public record SequenceUse(
            String schemaName,
            String sequenceName,
            @Describe("smallint, integer or bigint") String dataType,
            Long minValue,
            Long maxValue,
            Long incrementBy,
            Boolean cycle,
            @Describe("Last value handed out; null when never called or not readable by this role") Long lastValue,
            @Describe("Share of the range [min_value, max_value] consumed in the direction of increment_by, percent")
            Double pctUsed,
            @Describe("True above 75% used (and not cycling)") boolean atRisk) {
    }

    public record Reply(List<SequenceUse> sequences, int atRiskCount, boolean truncated) {
    }

    static final String SQL = """
            select schemaname as schema_name, sequencename as sequence_name, data_type::text as data_type,
                   min_value, max_value, increment_by, cycle, last_value,
                   round(case when last_value is null then null
                              when increment_by > 0 then 100.0 * (last_value::numeric - min_value) / nullif(max_value::numeric - min_value, 0)
                              else 100.0 * (max_value::numeric - last_value) / nullif(max_value::numeric - min_value, 0) end, 2)::float8
                       as pct_used
              from pg_sequences
             order by pct_used desc nulls last, schemaname, sequencename
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_sequence_health",
                "Sequence exhaustion check from pg_sequences: data type, range, last value and percent of the range "
                        + "used, flagging sequences above 75%. Use when inserts fail with 'reached maximum value of "
                        + "sequence' or for capacity reviews of serial/identity columns.",
                TargetOnly.class, Reply.class, GetSequenceHealth::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        SqlRunner.Capped<SequenceUse> rows = ctx.sql().capped(SequenceUse.class, LIMIT, SQL);
        List<SequenceUse> flagged = rows.rows().stream().map(GetSequenceHealth::flag).toList();
        int atRisk = (int) flagged.stream().filter(SequenceUse::atRisk).count();
        Reply r = new Reply(flagged, atRisk, rows.truncated());
        if (flagged.isEmpty()) {
            return Result.of(r, "No sequences in this database.");
        }
        SequenceUse top = flagged.get(0);
        return Result.of(r, flagged.size() + " sequence(s), " + atRisk + " above " + (int) AT_RISK_PCT + "% used"
                + (top.pctUsed() == null ? "" : "; highest " + top.schemaName() + "." + top.sequenceName() + " at "
                + top.pctUsed() + "% of " + top.dataType()));
    }

    private static SequenceUse flag(SequenceUse s) {
        boolean atRisk = s.pctUsed() != null && s.pctUsed() > AT_RISK_PCT && !Boolean.TRUE.equals(s.cycle());
        return new SequenceUse(s.schemaName(), s.sequenceName(), s.dataType(), s.minValue(), s.maxValue(),
                s.incrementBy(), s.cycle(), s.lastValue(), s.pctUsed(), atRisk);
    }
}
