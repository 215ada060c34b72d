package io.aihelpdesk.tools.postgres.replication;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code get_replication_status}: the server's replication role and how far behind its peers are. */
public final class GetReplicationStatus {
    private GetReplicationStatus() {
    }

    public record Standby(
            int pid, String user, String applicationName, String clientAddr,
            @Describe("startup, catchup, streaming, backup, stopping") String state,
            @Describe("async, potential, sync or quorum") String syncState,
            String sentLsn, String writeLsn, String flushLsn, String replayLsn,
            @Describe("Bytes written on the primary but not yet written by the standby") Long writeLagBytes,
            Long flushLagBytes,
            @Describe("Bytes not yet replayed on the standby") Long replayLagBytes,
            Double writeLagSeconds, Double flushLagSeconds, Double replayLagSeconds,
            OffsetDateTime replyTime) {
    }

    public record Recovery(
            String receiveLsn, String replayLsn,
            @Describe("Received but not yet replayed WAL") Long replayLagBytes,
            @Describe("Seconds since the last replayed transaction committed on the primary") Double secondsSinceLastReplay,
            @Describe("True after pg_wal_replay_pause()") boolean replayPaused,
            @Describe("not paused, pause requested or paused (PostgreSQL 15+)") String pauseState,
            @Describe("WAL receiver status (streaming, ...); null when no receiver runs") String receiverStatus,
            String senderHost, Integer senderPort) {
    }

    public record Reply(
            @Describe("primary or standby") String role,
            @Describe("pg_current_wal_lsn() on a primary") String currentWalLsn,
            @Describe("Connected standbys (primary only)") List<Standby> standbys,
            @Describe("Replay progress (standby only)") Recovery recovery,
            List<GetReplicationSlots.Slot> slots) {
    }

    record Role(boolean inRecovery, String currentWalLsn) {
    }

    static final String STANDBYS = """
            select pid, usename as user, application_name, host(client_addr) as client_addr, state, sync_state,
                   sent_lsn::text as sent_lsn, write_lsn::text as write_lsn, flush_lsn::text as flush_lsn,
                   replay_lsn::text as replay_lsn,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), write_lsn)::bigint as write_lag_bytes,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn)::bigint as flush_lag_bytes,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint as replay_lag_bytes,
                   extract(epoch from write_lag)::float8 as write_lag_seconds,
                   extract(epoch from flush_lag)::float8 as flush_lag_seconds,
                   extract(epoch from replay_lag)::float8 as replay_lag_seconds, reply_time
              from pg_stat_replication
             order by replay_lag_bytes desc nulls first, application_name
            """;

    static String recoverySql(int version) {
        return """
                select pg_last_wal_receive_lsn()::text as receive_lsn, pg_last_wal_replay_lsn()::text as replay_lsn,
                       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint as replay_lag_bytes,
                       extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as seconds_since_last_replay,
                       pg_is_wal_replay_paused() as replay_paused, %s as pause_state,
                       r.status as receiver_status, r.sender_host, r.sender_port
                  from (select 1) one
                  left join pg_stat_wal_receiver r on true
                """.formatted(version >= 150000 ? "pg_get_wal_replay_pause_state()" : "null::text");
    }

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_replication_status",
                "Replication role and lag. On a primary: each connected standby with write/flush/replay lag in bytes "
                        + "and seconds. On a standby: received and replayed LSN, replay lag, seconds since the last "
                        + "replayed transaction, and whether replay is paused. Both: replication slots with retained WAL.",
                TargetOnly.class, Reply.class, GetReplicationStatus::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        Role role = ctx.sql().one(Role.class, "select pg_is_in_recovery() as in_recovery, case when pg_is_in_recovery()"
                + " then null else pg_current_wal_lsn()::text end as current_wal_lsn").orElseThrow();
        List<GetReplicationSlots.Slot> slots = GetReplicationSlots.slots(ctx.sql());
        Reply r = role.inRecovery()
                ? new Reply("standby", null, List.of(),
                        ctx.sql().one(Recovery.class, recoverySql(ctx.sql().serverVersion())).orElseThrow(), slots)
                : new Reply("primary", role.currentWalLsn(), ctx.sql().list(Standby.class, STANDBYS), null, slots);
        String warning = GetReplicationSlots.warning(GetReplicationSlots.inactiveRetaining(slots));
        return Result.of(r, (r.recovery() == null ? primarySummary(r) : standbySummary(r.recovery()))
                + (warning.isEmpty() ? "" : "; " + warning));
    }

    static String primarySummary(Reply r) {
        int n = r.standbys().size();
        String s = "primary with " + n + " standby" + (n == 1 ? "" : "s");
        if (n == 0) {
            return s;
        }
        Standby worst = r.standbys().get(0);
        return s + "; largest replay lag " + worst.replayLagBytes() + " bytes (" + worst.applicationName() + ", "
                + worst.state() + ")";
    }

    static String standbySummary(Recovery rec) {
        return "standby, replay lag " + rec.replayLagBytes() + " bytes"
                + (rec.secondsSinceLastReplay() == null ? ""
                        : ", last replayed transaction " + Math.round(rec.secondsSinceLastReplay()) + " s ago")
                + (rec.replayPaused() ? "; WARNING: WAL replay is PAUSED — resume with pg_wal_replay_resume()" : "")
                + (rec.receiverStatus() == null ? "; no WAL receiver running" : "; receiver " + rec.receiverStatus());
    }
}
