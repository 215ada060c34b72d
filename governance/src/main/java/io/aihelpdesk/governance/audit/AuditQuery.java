package io.aihelpdesk.governance.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Filters for {@link AuditStore#query}; null means "any". {@code since} is inclusive, {@code until}
 * exclusive. {@code limit} defaults to 100 and is capped at 1000. {@code cursor} is opaque: take it
 * from {@link #next(List)}.
 */
public record AuditQuery(String sessionId, String traceId, String eventType, String agent, String actionClass,
        String toolName, String principal, Instant since, Instant until, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final String CURSOR_PREFIX = "after:";

    public AuditQuery {
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        if (cursor != null) {
            afterEventId(cursor);
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    public AuditQuery session(String id) {
        return new AuditQuery(id, traceId, eventType, agent, actionClass, toolName, principal, since, until, limit, cursor);
    }

    public AuditQuery trace(String id) {
        return new AuditQuery(sessionId, id, eventType, agent, actionClass, toolName, principal, since, until, limit, cursor);
    }

    public AuditQuery type(String value) {
        return new AuditQuery(sessionId, traceId, value, agent, actionClass, toolName, principal, since, until, limit, cursor);
    }

    public AuditQuery agent(String value) {
        return new AuditQuery(sessionId, traceId, eventType, value, actionClass, toolName, principal, since, until, limit, cursor);
    }

    public AuditQuery actionClass(String value) {
        return new AuditQuery(sessionId, traceId, eventType, agent, value, toolName, principal, since, until, limit, cursor);
    }

    public AuditQuery tool(String name) {
        return new AuditQuery(sessionId, traceId, eventType, agent, actionClass, name, principal, since, until, limit, cursor);
    }

    public AuditQuery principal(String id) {
        return new AuditQuery(sessionId, traceId, eventType, agent, actionClass, toolName, id, since, until, limit, cursor);
    }

    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(sessionId, traceId, eventType, agent, actionClass, toolName, principal, from, to, limit, cursor);
    }

    public AuditQuery limit(int value) {
        return new AuditQuery(sessionId, traceId, eventType, agent, actionClass, toolName, principal, since, until, value, cursor);
    }

    public AuditQuery cursor(String value) {
        return new AuditQuery(sessionId, traceId, eventType, agent, actionClass, toolName, principal, since, until, limit, value);
    }

    /** The query for the page after {@code page}, or null when {@code page} was the last one. */
    public AuditQuery next(List<AuditEvent> page) {
        if (page.size() < limit) {
            return null;
        }
        String last = page.get(page.size() - 1).eventId();
        return cursor(Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + last).getBytes(StandardCharsets.UTF_8)));
    }

    /** The same query continuing after the given event (for following a growing chain). */
    public AuditQuery after(String eventId) {
        return cursor(Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + eventId).getBytes(StandardCharsets.UTF_8)));
    }

    /** The event id the cursor continues after. */
    String afterEventId() {
        return cursor == null ? null : afterEventId(cursor);
    }

    private static String afterEventId(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        if (!decoded.startsWith(CURSOR_PREFIX)) {
            throw new IllegalArgumentException("cursor '" + cursor + "' was not issued by this store — "
                    + "pass the cursor from the previous page unchanged, or none for the first page");
        }
        return decoded.substring(CURSOR_PREFIX.length());
    }
}
