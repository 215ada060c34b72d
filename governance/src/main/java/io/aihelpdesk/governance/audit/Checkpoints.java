package io.aihelpdesk.governance.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The {@code audit_checkpoints} table; callers hold the chain's write lock around {@link #seal}. */
final class Checkpoints {
    static final String TABLE = "audit_checkpoints";

    private Checkpoints() {
    }

    static void create(Connection c, String idType) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id " + idType + " PRIMARY KEY,"
                    + " chain_seq BIGINT NOT NULL, last_hash TEXT NOT NULL, hmac TEXT NOT NULL, created_at TEXT NOT NULL)");
        }
    }

    static Checkpoint seal(Connection c, byte[] key) throws SQLException {
        AuditTable.Link tail = AuditTable.last(c);
        Checkpoint cp = new Checkpoint(tail.seq(), tail.hash(), hmac(key, tail.seq(), tail.hash()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (id, chain_seq, last_hash, hmac, created_at) SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ? FROM " + TABLE)) {
            ps.setLong(1, cp.seq());
            ps.setString(2, cp.lastHash());
            ps.setString(3, cp.hmac());
            ps.setString(4, EventJson.time(Instant.now()));
            ps.executeUpdate();
        }
        return cp;
    }

    static Checkpoint latest(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT chain_seq, last_hash, hmac FROM " + TABLE + " ORDER BY id DESC LIMIT 1")) {
            return rs.next() ? new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
        }
    }

    static boolean authentic(Checkpoint cp, byte[] key) {
        return MessageDigest.isEqual(hmac(key, cp.seq(), cp.lastHash()).getBytes(StandardCharsets.US_ASCII),
                cp.hmac().getBytes(StandardCharsets.US_ASCII));
    }

    static String hmac(byte[] key, long seq, String hash) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("the audit checkpoint key is empty — set the key's environment "
                    + "variable to a secret of at least 32 random bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((seq + ":" + hash).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256, which every Java platform must provide", e);
        }
    }
}
