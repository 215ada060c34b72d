package io.aihelpdesk.tools.postgres.config;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code reload_config}: make the server re-read its configuration files (pg_reload_conf). The
 * preview shows what the files hold that would not apply: lines with errors (the server keeps the
 * old value for those) and settings waiting for a restart. Verified by pg_conf_load_time moving.
 */
public final class ReloadConfig {
    private ReloadConfig() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record FileProblem(String sourcefile, Integer sourceline, String name, String setting, String error) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("Configuration lines the server cannot apply (it keeps the previous value for them)") List<FileProblem> problems,
            @Describe("Settings changed in a file that apply only after a restart") List<String> pendingRestart,
            OffsetDateTime loadedBefore,
            OffsetDateTime loadedAfter,
            boolean reversible,
            String undo,
            Boolean verified,
            String evidence) {
    }

    record Loaded(OffsetDateTime loaded) {
    }

    static final String UNDO = "a reload only re-reads the files; to undo a change, change the file back (or roll back "
            + "the set_pg_setting) and reload again";

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("reload_config",
                "Reload the server configuration (pg_reload_conf). Shows first which configuration lines have errors "
                        + "and which settings wait for a restart; dry_run=true previews only. Verifies the configuration "
                        + "load time moved.",
                Effect.WRITE, TargetKind.DATABASE, Params.class, Reply.class, ReloadConfig::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException {
        List<FileProblem> problems = ctx.sql().list(FileProblem.class,
                "select sourcefile, sourceline, name, setting, error from pg_file_settings where error is not null order by seqno");
        List<String> pending = ctx.sql().rows("select name from pg_settings where pending_restart order by name")
                .stream().map(r -> String.valueOf(r.get("name"))).toList();
        OffsetDateTime before = loaded(ctx);
        String issues = (problems.isEmpty() ? "no configuration errors" : problems.size() + " configuration line"
                + (problems.size() == 1 ? "" : "s") + " with errors") + (pending.isEmpty() ? "" : ", pending restart: " + pending);
        if (p.dryRun()) {
            return Result.of(new Reply(true, problems, pending, before, null, false, UNDO, null, DryRun.NOT_RUN),
                    "Dry run: would reload the configuration (last loaded " + before + "); " + issues + ".");
        }
        ctx.sql().rows("select pg_reload_conf() as reloaded");
        OffsetDateTime[] after = new OffsetDateTime[1];
        Verification v = Verification.poll(Verification.DATABASE, () -> {
            after[0] = loaded(ctx);
            return after[0].isAfter(before) ? Observation.done("pg_conf_load_time moved from " + before + " to " + after[0])
                    : Observation.pending("pg_conf_load_time is still " + after[0]);
        });
        return Result.of(new Reply(false, problems, pending, before, after[0], false, UNDO, v.verified(), v.evidence()),
                "Reloaded the configuration; " + issues + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ".");
    }

    private static OffsetDateTime loaded(ToolContext ctx) throws SQLException {
        return ctx.sql().one(Loaded.class, "select pg_conf_load_time() as loaded").orElseThrow().loaded();
    }
}
