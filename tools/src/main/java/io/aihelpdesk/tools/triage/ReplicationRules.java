package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.postgres.replication.GetReplicationSlots;
import io.aihelpdesk.tools.postgres.replication.GetReplicationStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Standbys falling behind and slots that pin WAL. */
final class ReplicationRules {
    static final double LAG_SECONDS = 30;
    static final long LAG_BYTES = 64L << 20;
    static final long SLOT_HIGH_BYTES = 1L << 30;

    private ReplicationRules() {
    }

    static List<Finding> replication(Evidence e, Scope s) {
        GetReplicationStatus.Reply r = e.reply("get_replication_status", GetReplicationStatus.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        GetReplicationStatus.Recovery rec = r.recovery();
        if (rec != null && (rec.replayPaused() || rec.secondsSinceLastReplay() != null && rec.secondsSinceLastReplay() >= LAG_SECONDS
                && rec.replayLagBytes() != null && rec.replayLagBytes() > 0)) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("replay_paused", rec.replayPaused());
            ev.put("pause_state", rec.pauseState());
            ev.put("receive_lsn", rec.receiveLsn());
            ev.put("replay_lsn", rec.replayLsn());
            ev.put("replay_lag_bytes", rec.replayLagBytes());
            ev.put("seconds_since_last_replay", rec.secondsSinceLastReplay());
            ev.put("receiver_status", rec.receiverStatus());
            ev.put("threshold", "replay paused, or WAL received but not replayed for " + (int) LAG_SECONDS + " s");
            out.add(Finding.of("replication_lag", Severity.HIGH, 0.95,
                    rec.replayPaused() ? "WAL replay is PAUSED on this standby (" + rec.replayLagBytes() + " bytes received, not applied)"
                            : "Standby is " + rec.replayLagBytes() + " bytes and " + Math.round(rec.secondsSinceLastReplay())
                            + " s behind in replay",
                    ev, rec.replayPaused() ? "Someone called pg_wal_replay_pause(): the standby keeps receiving WAL but serves "
                            + "ever older data until replay is resumed."
                            : "The standby receives WAL but applies it slowly: a long query on the standby conflicting with "
                            + "replay, or I/O saturation.",
                    List.of(NextStep.read("get_replication_status", s.db(), "positions and pause state"),
                            NextStep.change("resume_wal_replay", s.db(), "WRITE", "resume replay if the pause was not intended"))));
        }
        for (GetReplicationStatus.Standby sb : r.standbys()) {
            boolean secs = sb.replayLagSeconds() != null && sb.replayLagSeconds() >= LAG_SECONDS;
            boolean bytes = sb.replayLagBytes() != null && sb.replayLagBytes() >= LAG_BYTES;
            if (!secs && !bytes) {
                continue;
            }
            out.add(Finding.of("replication_lag", Severity.HIGH, 0.9,
                    "Standby " + sb.applicationName() + " (" + sb.clientAddr() + ") is " + sb.replayLagBytes() + " bytes / "
                            + sb.replayLagSeconds() + " s behind in replay",
                    Map.of("standby", String.valueOf(sb.applicationName()), "state", String.valueOf(sb.state()),
                            "replay_lag_bytes", String.valueOf(sb.replayLagBytes()), "replay_lag_seconds", String.valueOf(sb.replayLagSeconds()),
                            "threshold", (int) LAG_SECONDS + " s or " + (LAG_BYTES >> 20) + " MiB of replay lag"),
                    "Reads on the standby return stale data and a failover now would lose or wait for this much WAL. "
                            + "Replay may be paused on the standby, or it cannot keep up.",
                    List.of(NextStep.read("get_replication_status", s.db(), "all standbys and slots"))));
        }
        out.addAll(slots(r.slots(), s));
        return out;
    }

    static List<Finding> slots(List<GetReplicationSlots.Slot> slots, Scope s) {
        List<Finding> out = new ArrayList<>();
        for (GetReplicationSlots.Slot sl : slots) {
            if (sl.active() || sl.temporary()) {
                continue;
            }
            long bytes = sl.retainedWalBytes() == null ? 0 : sl.retainedWalBytes();
            boolean endangered = sl.walStatus() != null && !List.of("reserved").contains(sl.walStatus());
            Severity sev = bytes >= SLOT_HIGH_BYTES || endangered ? Severity.HIGH : Severity.MEDIUM;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("slot", sl.slotName());
            ev.put("slot_type", sl.slotType());
            ev.put("active", false);
            ev.put("retained_wal_bytes", bytes);
            ev.put("retained_wal", sl.retainedWal());
            ev.put("wal_status", sl.walStatus());
            ev.put("inactive_since", sl.inactiveSince() == null ? null : sl.inactiveSince().toString());
            ev.put("threshold", "any inactive slot (it pins WAL and the xmin horizon); high from 1 GiB or wal_status past 'reserved'");
            out.add(Finding.of("stale_replication_slot", sev, 0.9,
                    "Replication slot " + sl.slotName() + " is inactive and retains " + (sl.retainedWal() == null ? bytes + " bytes" : sl.retainedWal())
                            + " of WAL", ev,
                    "Nothing consumes this slot, but it keeps every WAL segment since its restart_lsn (and, for logical "
                            + "slots, old catalog rows): pg_wal grows until the disk fills. Drop it if its consumer is gone.",
                    List.of(NextStep.read("get_replication_slots", s.db(), "all slots with retained WAL"),
                            NextStep.change("drop_replication_slot", s.db("slot_name", sl.slotName()), "DESTRUCTIVE",
                                    "release the WAL (the consumer must then be rebuilt)"))));
        }
        return out;
    }
}
