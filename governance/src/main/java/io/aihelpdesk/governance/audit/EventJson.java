package io.aihelpdesk.governance.audit;

import io.aihelpdesk.tools.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * The wire form of {@link AuditEvent} and its hash. The tree is built by hand (not by a mapper) so
 * that what is hashed is exactly what is written: snake_case keys, nulls omitted, timestamps as
 * RFC 3339 UTC with nine fractional digits. The hash covers the canonical JSON of every field
 * except {@code event_hash}; verification re-hashes the stored JSON itself, so a field added by a
 * tamperer is detected even though the record type would ignore it.
 */
final class EventJson {
    static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {
    };

    private EventJson() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** Fills in the chain fields and returns {event with hashes, its canonical JSON}. */
    static Chained chain(AuditEvent event, String prevHash) {
        Map<String, Object> tree = tree(event.chained(prevHash, null));
        String hash = sha256(CanonicalJson.encode(tree));
        tree.put("event_hash", hash);
        return new Chained(event.chained(prevHash, hash), CanonicalJson.encode(tree));
    }

    record Chained(AuditEvent event, String json) {
    }

    static Map<String, Object> parse(String json) {
        return Json.mapper().readValue(json, TREE);
    }

    /** The hash the stored tree should carry: SHA-256 of its canonical form without event_hash. */
    static String expectedHash(Map<String, Object> tree) {
        Map<String, Object> copy = new LinkedHashMap<>(tree);
        copy.remove("event_hash");
        return sha256(CanonicalJson.encode(copy));
    }

    static Map<String, Object> tree(AuditEvent e) {
        Map<String, Object> t = new LinkedHashMap<>();
        put(t, "event_id", e.eventId());
        put(t, "timestamp", time(e.timestamp()));
        put(t, "event_type", e.eventType());
        put(t, "trace_id", e.traceId());
        put(t, "parent_id", e.parentId());
        put(t, "action_class", e.actionClass());
        if (e.session() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            put(s, "id", e.session().id());
            put(s, "user_id", e.session().userId());
            t.put("session", s);
        }
        if (e.principal() != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            put(p, "id", e.principal().id());
            put(p, "kind", e.principal().kind());
            p.put("roles", e.principal().roles());
            t.put("principal", p);
        }
        put(t, "tool", e.tool() == null ? null : tool(e.tool()));
        put(t, "decision", e.decision());
        put(t, "outcome", e.outcome() == null ? null : outcome(e.outcome()));
        put(t, "prev_hash", e.prevHash());
        put(t, "event_hash", e.eventHash());
        return t;
    }

    private static Map<String, Object> tool(AuditEvent.Tool tool) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", tool.name());
        put(m, "agent", tool.agent());
        put(m, "parameters", tool.parameters());
        put(m, "raw_command", tool.rawCommand());
        put(m, "result", tool.result());
        put(m, "error", tool.error());
        put(m, "duration_ms", tool.durationMs());
        return m;
    }

    private static Map<String, Object> outcome(AuditEvent.Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "status", outcome.status());
        put(m, "error_message", outcome.errorMessage());
        put(m, "duration_ms", outcome.durationMs());
        put(m, "verified", outcome.verified());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    static AuditEvent event(Map<String, Object> t) {
        Map<String, Object> s = (Map<String, Object>) t.get("session");
        Map<String, Object> p = (Map<String, Object>) t.get("principal");
        Map<String, Object> tool = (Map<String, Object>) t.get("tool");
        Map<String, Object> o = (Map<String, Object>) t.get("outcome");
        return new AuditEvent(str(t, "event_id"), Instant.parse(str(t, "timestamp")), str(t, "event_type"),
                str(t, "trace_id"), str(t, "parent_id"), str(t, "action_class"),
                s == null ? null : new AuditEvent.Session(str(s, "id"), str(s, "user_id")),
                p == null ? null : new AuditEvent.Principal(str(p, "id"), str(p, "kind"), (List<String>) p.get("roles")),
                tool == null ? null : new AuditEvent.Tool(str(tool, "name"), str(tool, "agent"),
                        (Map<String, Object>) tool.get("parameters"), str(tool, "raw_command"), str(tool, "result"),
                        str(tool, "error"), lng(tool, "duration_ms")),
                (Map<String, Object>) t.get("decision"),
                o == null ? null : new AuditEvent.Outcome(str(o, "status"), str(o, "error_message"), lng(o, "duration_ms"),
                        o.get("verified") instanceof Boolean b ? b : null),
                str(t, "prev_hash"), str(t, "event_hash"));
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    private static Long lng(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : ((Number) v).longValue();
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
