package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/** {@code get_wait_events}: what the busy backends are waiting on, right now. */
public final class GetWaitEvents {
    private GetWaitEvents() {
    }

    public record WaitEvent(
            @Describe("Lock, LWLock, IO, IPC, Client, Timeout, ...") String waitEventType,
            String waitEvent,
            @Describe("Non-idle backends currently in this wait") long sessions,
            @Describe("Up to five of their pids") List<Integer> examplePids) {
    }

    public record Reply(
            List<WaitEvent> waitEvents,
            @Describe("Non-idle backends in some wait") long waitingSessions,
            @Describe("Active backends not waiting (on CPU)") long runningSessions) {
    }

    record Running(long runningSessions) {
    }

    /* Background processes (state null) sit in their main-loop waits all the time; they are noise here. */
    static final String SQL = """
            select wait_event_type, wait_event, count(*) as sessions,
                   (array_agg(pid order by pid))[1:5] as example_pids
              from pg_stat_activity
             where pid <> pg_backend_pid() and state is not null and state <> 'idle' and wait_event is not null
             group by wait_event_type, wait_event
             order by sessions desc, wait_event_type, wait_event
            """;

    static final String RUNNING = """
            select count(*) as running_sessions from pg_stat_activity
             where pid <> pg_backend_pid() and state = 'active' and wait_event is null
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_wait_events",
                "Count current wait events (wait_event_type/wait_event) across non-idle backends, with example "
                        + "pids, plus how many active backends are on CPU. Use to see whether a slow server is "
                        + "waiting on locks, I/O, LWLocks or clients.",
                TargetOnly.class, Reply.class, GetWaitEvents::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<WaitEvent> events = ctx.sql().list(WaitEvent.class, SQL);
        long running = ctx.sql().one(Running.class, RUNNING).map(Running::runningSessions).orElse(0L);
        long waiting = events.stream().mapToLong(WaitEvent::sessions).sum();
        Reply r = new Reply(events, waiting, running);
        if (events.isEmpty()) {
            return Result.of(r, "No backend is waiting; " + running + " active on CPU.");
        }
        WaitEvent top = events.get(0);
        return Result.of(r, waiting + " backend" + (waiting == 1 ? "" : "s") + " waiting, " + running + " on CPU; "
                + "most common wait " + top.waitEventType() + "/" + top.waitEvent() + " (" + top.sessions() + ", e.g. pid "
                + top.examplePids().get(0) + ")");
    }
}
