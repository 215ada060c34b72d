package io.aihelpdesk.governance.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code audit_events} table, identical in SQLite and PostgreSQL except for the seq type.
 * {@code raw_json} is the canonical JSON that was hashed; the other columns are copies for filtering.
 */
final class AuditTable {
    static final String TABLE = "audit_events";
    private static final String[] INDEXED = {"ts", "event_type", "session_id", "trace_id", "agent",
        "action_class", "tool_name", "principal_id"};
    private static final String INSERT = "INSERT INTO " + TABLE + " (seq, event_id, ts, event_type, session_id,"
            + " trace_id, parent_id, agent, action_class, tool_name, principal_id, prev_hash, event_hash, raw_json)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuditTable() {
    }

    static void create(Connection c, String seqType) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (seq " + seqType + " PRIMARY KEY,"
                    + " event_id TEXT NOT NULL UNIQUE, ts TEXT NOT NULL, event_type TEXT NOT NULL,"
                    + " session_id TEXT, trace_id TEXT, parent_id TEXT, agent TEXT, action_class TEXT,"
                    + " tool_name TEXT, principal_id TEXT, prev_hash TEXT NOT NULL, event_hash TEXT NOT NULL,"
                    + " raw_json TEXT NOT NULL)");
            for (String column : INDEXED) {
                s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_" + column + " ON " + TABLE + " (" + column + ")");
            }
        }
    }

    /** The tail of the chain: {seq, event_hash} of the last event, or {0, genesis}. */
    static Link last(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq, event_hash FROM " + TABLE + " ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? new Link(rs.getLong(1), rs.getString(2)) : new Link(0, EventJson.GENESIS);
        }
    }

    record Link(long seq, String hash) {
    }

    /** Chains and inserts {@code events} after {@code tail} inside the caller's transaction. */
    static List<Appended> insert(Connection c, Link tail, List<AuditEvent> events) throws SQLException {
        List<Appended> appended = new ArrayList<>(events.size());
        long seq = tail.seq();
        String prev = tail.hash();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AuditEvent event : events) {
                EventJson.Chained chained = EventJson.chain(event, prev);
                bind(ps, ++seq, chained);
                ps.addBatch();
                appended.add(new Appended(seq, event.eventId(), prev, chained.event().eventHash()));
                prev = chained.event().eventHash();
            }
            ps.executeBatch();
        }
        return appended;
    }

    private static void bind(PreparedStatement ps, long seq, EventJson.Chained chained) throws SQLException {
        AuditEvent e = chained.event();
        ps.setLong(1, seq);
        ps.setString(2, e.eventId());
        ps.setString(3, EventJson.time(e.timestamp()));
        ps.setString(4, e.eventType());
        ps.setString(5, e.session() == null ? null : e.session().id());
        ps.setString(6, e.traceId());
        ps.setString(7, e.parentId());
        ps.setString(8, e.tool() == null ? null : e.tool().agent());
        ps.setString(9, e.actionClass());
        ps.setString(10, e.tool() == null ? null : e.tool().name());
        ps.setString(11, e.principal() == null ? null : e.principal().id());
        ps.setString(12, e.prevHash());
        ps.setString(13, e.eventHash());
        ps.setString(14, chained.json());
    }

    static List<AuditEvent> query(Connection c, AuditQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT raw_json FROM " + TABLE + " WHERE 1=1");
        List<String> args = new ArrayList<>();
        filter(sql, args, "session_id = ?", q.sessionId());
        filter(sql, args, "trace_id = ?", q.traceId());
        filter(sql, args, "event_type = ?", q.eventType());
        filter(sql, args, "agent = ?", q.agent());
        filter(sql, args, "action_class = ?", q.actionClass());
        filter(sql, args, "tool_name = ?", q.toolName());
        filter(sql, args, "principal_id = ?", q.principal());
        filter(sql, args, "ts >= ?", q.since() == null ? null : EventJson.time(q.since()));
        filter(sql, args, "ts < ?", q.until() == null ? null : EventJson.time(q.until()));
        filter(sql, args, "seq > (SELECT seq FROM " + TABLE + " WHERE event_id = ?)", q.afterEventId());
        sql.append(" ORDER BY seq LIMIT ").append(q.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(EventJson.event(EventJson.parse(rs.getString(1))));
                }
            }
            return events;
        }
    }

    private static void filter(StringBuilder sql, List<String> args, String clause, String value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    /** Streams the chain in seq order through a {@link ChainWalk}; the caller sets fetch size/autocommit. */
    static Verification verify(Connection c, Checkpoint checkpoint) throws SQLException {
        ChainWalk walk = new ChainWalk(checkpoint);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT seq, event_id, event_hash, raw_json FROM " + TABLE
                    + " ORDER BY seq")) {
                while (rs.next() && walk.accept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))) {
                    // accept() returns false at the first break
                }
            }
        }
        return walk.result();
    }

    /** Like {@link #verify} but the chain must also contain the latest keyed checkpoint. */
    static Verification verify(Connection c, byte[] key) throws SQLException {
        Checkpoint cp = Checkpoints.latest(c);
        if (cp != null && !Checkpoints.authentic(cp, key)) {
            return new Verification(false, 0, null, null, null, null, "the latest checkpoint (seq " + cp.seq()
                    + ") fails its HMAC — it was forged or altered, or the key is not the one that sealed it");
        }
        return verify(c, cp);
    }
}
