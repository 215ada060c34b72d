package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.TargetOnly;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code cancel_query} and {@code terminate_connection}: signal one session. Both show the session
 * first (the pre-state), refuse aihelpdesk's own sessions and server processes, and verify: a
 * cancelled session no longer runs the statement it ran, a terminated one is gone.
 */
public final class SessionSignal {
    private SessionSignal() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Process id of the session (pid in get_active_connections)", required = true, min = 1) int pid,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("The session before the action") SessionRow session,
            @Describe("The server accepted the signal (false: the session had already ended)") Boolean signalled,
            @Describe("False: the action cannot be undone") boolean reversible,
            @Describe("What undoing means here") String undo,
            @Describe("The effect was observed after the action; null for a dry run") Boolean verified,
            String evidence) {
    }

    enum Kind {
        CANCEL("cancel_query", "pg_cancel_backend", "cancel the statement of", Effect.WRITE,
                "a cancelled statement cannot be resumed; its transaction is rolled back and the client may retry it"),
        TERMINATE("terminate_connection", "pg_terminate_backend", "terminate", Effect.DESTRUCTIVE,
                "a terminated session cannot be restored; its open transaction is rolled back and the client must reconnect");

        final String tool;
        final String function;
        final String verb;
        final Effect effect;
        final String undo;

        Kind(String tool, String function, String verb, Effect effect, String undo) {
            this.tool = tool;
            this.function = function;
            this.verb = verb;
            this.effect = effect;
            this.undo = undo;
        }
    }

    public static ToolDefinition<Params, Reply> cancelQuery() {
        return definition(Kind.CANCEL, "Cancel the statement a session is running (pg_cancel_backend); the session "
                + "stays connected. Shows the session first; dry_run=true previews only. Refuses aihelpdesk's own "
                + "sessions and server processes. Verifies the statement stopped.");
    }

    public static ToolDefinition<Params, Reply> terminateConnection() {
        return definition(Kind.TERMINATE, "Terminate a session (pg_terminate_backend): its open transaction is rolled "
                + "back and the client is disconnected. Irreversible. Shows the session first; dry_run=true previews "
                + "only. Refuses aihelpdesk's own sessions and server processes. Verifies the session is gone.");
    }

    private static ToolDefinition<Params, Reply> definition(Kind kind, String description) {
        return new ToolDefinition<>(kind.tool, description, kind.effect, TargetKind.DATABASE, Params.class, Reply.class,
                (p, ctx) -> run(kind, p, ctx));
    }

    static Result<Reply> run(Kind kind, Params p, ToolContext ctx) throws SQLException, ToolFailure {
        SessionRow before = SessionRow.find(ctx.sql(), p.pid());
        SessionRow.refuseProtected(ctx.sql(), before, kind.verb);
        if (kind == Kind.CANCEL && !"active".equals(before.state())) {
            throw new ToolFailure(new io.aihelpdesk.tools.Diagnosis("nothing_to_cancel", "pid " + before.pid() + " is "
                    + before.state() + ": it runs no statement, so there is nothing to cancel",
                    "an idle-in-transaction session holding locks is ended with terminate_connection", ""));
        }
        if (p.dryRun()) {
            return Result.of(new Reply(true, before, null, false, kind.undo, null, DryRun.NOT_RUN),
                    "Dry run: would " + kind.verb + " " + before.describe() + (before.query() == null ? ""
                            : ": " + oneLine(before.query())) + ". Irreversible: " + kind.undo + ".");
        }
        ctx.limitBlastRadius("sessions", 1);
        List<Map<String, Object>> rows = ctx.sql().rows("select " + kind.function + "(?) as signalled", p.pid());
        boolean signalled = Boolean.TRUE.equals(rows.get(0).get("signalled"));
        Verification v = Verification.poll(Verification.DATABASE, () -> observe(kind, ctx, before));
        return Result.of(new Reply(false, before, signalled, false, kind.undo, v.verified(), v.evidence()),
                (kind == Kind.CANCEL ? "Cancelled the statement of " : "Terminated ") + before.describe()
                        + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ".");
    }

    private static Observation observe(Kind kind, ToolContext ctx, SessionRow before) throws SQLException {
        var now = ctx.sql().one(SessionRow.class, SessionRow.SELECT + " where a.pid = ?", before.pid());
        if (now.isEmpty()) {
            return Observation.done("pid " + before.pid() + " is no longer in pg_stat_activity");
        }
        SessionRow s = now.get();
        if (kind == Kind.TERMINATE) {
            return Observation.pending("pid " + s.pid() + " is still connected (" + s.state() + ")");
        }
        boolean sameStatement = "active".equals(s.state()) && Objects.equals(s.queryStart(), before.queryStart());
        return sameStatement ? Observation.pending("pid " + s.pid() + " still runs the statement started at " + s.queryStart())
                : Observation.done("pid " + s.pid() + " is " + s.state() + " (statement started at " + before.queryStart()
                + " no longer running)");
    }

    static String oneLine(String query) {
        String q = query.replaceAll("\\s+", " ").trim();
        return q.length() > 120 ? q.substring(0, 119) + "…" : q;
    }
}
