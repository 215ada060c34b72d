package io.aihelpdesk.governance;

import io.aihelpdesk.governance.audit.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The identity of a call's arguments for approvals: hex SHA-256 of their canonical JSON (RFC 8785,
 * keys sorted), after redaction so no secret is hashed. An approval matches one exact call.
 */
final class CallHash {
    private CallHash() {
    }

    static String of(Map<String, Object> arguments) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(arguments).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
