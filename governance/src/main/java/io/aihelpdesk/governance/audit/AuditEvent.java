package io.aihelpdesk.governance.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the audit chain, in the original's schema (snake_case on the wire, nulls omitted).
 *
 * <p>{@code prevHash} and {@code eventHash} are assigned by {@link AuditStore#append}; callers pass
 * null. Parameters must already be redacted and results truncated (500 chars) by the caller: the
 * chain makes whatever is written here permanent. Numbers inside parameters and decision should be
 * integers, strings or booleans; doubles are encoded per RFC 8785 but see {@link CanonicalJson}.
 */
public record AuditEvent(
        String eventId,
        Instant timestamp,
        String eventType,
        String traceId,
        String parentId,
        String actionClass,
        Session session,
        Principal principal,
        Tool tool,
        Map<String, Object> decision,
        Outcome outcome,
        String prevHash,
        String eventHash) {

    public static final Set<String> EVENT_TYPES = Set.of("tool_execution", "policy_decision",
            "delegation_decision", "gateway_request", "approval_requested", "approval_resolved", "approval_decided", "outcome");
    public static final Set<String> ACTION_CLASSES = Set.of("read", "write", "destructive");

    private static final SecureRandom RANDOM = new SecureRandom();

    public AuditEvent {
        Objects.requireNonNull(eventId, "event_id is required");
        Objects.requireNonNull(timestamp, "timestamp is required");
        if (!EVENT_TYPES.contains(eventType)) {
            throw new IllegalArgumentException("event_type '" + eventType + "' is not one of " + EVENT_TYPES);
        }
        if (actionClass != null && !ACTION_CLASSES.contains(actionClass)) {
            throw new IllegalArgumentException("action_class '" + actionClass + "' is not one of " + ACTION_CLASSES);
        }
        decision = decision == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(decision));
    }

    /** A new event with a fresh id and the current time; fill the rest with the {@code with…} methods. */
    public static AuditEvent of(String eventType) {
        return new AuditEvent(newId(), Instant.now(), eventType, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** {@code evt_} + 16 lower-case hex digits (64 random bits). */
    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "evt_" + HexFormat.of().formatHex(bytes);
    }

    /** The outcome of {@code execution}, as its own chained event whose parent is the execution. */
    public static AuditEvent outcomeOf(AuditEvent execution, Outcome outcome) {
        return of("outcome").withTrace(execution.traceId(), execution.eventId())
                .withActionClass(execution.actionClass()).withSession(execution.session())
                .withPrincipal(execution.principal()).withOutcome(outcome);
    }

    public AuditEvent withTrace(String trace, String parent) {
        return new AuditEvent(eventId, timestamp, eventType, trace, parent, actionClass, session, principal, tool,
                decision, outcome, prevHash, eventHash);
    }

    public AuditEvent withActionClass(String value) {
        return new AuditEvent(eventId, timestamp, eventType, traceId, parentId, value, session, principal, tool,
                decision, outcome, prevHash, eventHash);
    }

    public AuditEvent withSession(Session value) {
        return new AuditEvent(eventId, timestamp, eventType, traceId, parentId, actionClass, value, principal, tool,
                decision, outcome, prevHash, eventHash);
    }

    public AuditEvent withPrincipal(Principal value) {
        return new AuditEvent(eventId, timestamp, eventType, traceId, parentId, actionClass, session, value, tool,
                decision, outcome, prevHash, eventHash);
    }

    public AuditEvent withTool(Tool value) {
        return new AuditEvent(eventId, timestamp, eventType, traceId, parentId, actionClass, session, principal, value,
                decision, outcome, prevHash, eventHash);
    }

    public AuditEvent withDecision(Map<String, Object> value) {
        return new AuditEvent(eventId, timestamp, eventType, traceId, parentId, actionClass, session, principal, tool,
                value, outcome, prevHash, eventHash);
    }

    public AuditEvent withOutcome(Outcome value) {
        return new AuditEvent(eventId, timestamp, eventType, traceId, parentId, actionClass, session, principal, tool,
                decision, value, prevHash, eventHash);
    }

    /**
     * An event submitted from outside (e.g. {@code POST /v1/events}): its id and timestamp are
     * assigned when absent, any hashes it carries are ignored (the store chains it).
     *
     * @throws IllegalArgumentException when the JSON is malformed or a field has the wrong type
     */
    public static AuditEvent fromJson(String json) {
        try {
            Map<String, Object> tree = new java.util.LinkedHashMap<>(EventJson.parse(json));
            tree.putIfAbsent("event_id", newId());
            tree.putIfAbsent("timestamp", EventJson.time(Instant.now()));
            tree.remove("prev_hash");
            tree.remove("event_hash");
            return EventJson.event(tree);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid audit event: " + e.getMessage(), e);
        }
    }

    /** The event in its wire form: canonical JSON (RFC 8785), snake_case, nulls omitted. */
    public String toJson() {
        return CanonicalJson.encode(EventJson.tree(this));
    }

    AuditEvent chained(String prev, String hash) {
        return new AuditEvent(eventId, timestamp, eventType, traceId, parentId, actionClass, session, principal, tool,
                decision, outcome, prev, hash);
    }

    /** The conversation or client session the event belongs to. */
    public record Session(String id, String userId) {
    }

    /** Who acted: {@code kind} is e.g. user, service or agent. */
    public record Principal(String id, String kind, List<String> roles) {
        public Principal {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /** The tool call; {@code durationMs} is real milliseconds (the original used Go nanoseconds). */
    public record Tool(String name, String agent, Map<String, Object> parameters, String rawCommand, String result,
            String error, Long durationMs) {
    }

    /** How the action ended: {@code status} is e.g. success, error, denied, timeout. */
    public record Outcome(String status, String errorMessage, Long durationMs) {
    }
}
