package io.aihelpdesk.governance.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic events for tests. */
final class Events {
    private Events() {
    }

    static AuditEvent execution(String session, String tool, String agent, String actionClass) {
        return AuditEvent.of("tool_execution").withTrace("tr_" + session, null).withActionClass(actionClass)
                .withSession(new AuditEvent.Session(session, "alice"))
                .withPrincipal(new AuditEvent.Principal("alice@example.com", "user", List.of("dba", "sre")))
                .withTool(new AuditEvent.Tool(tool, agent, Map.of("connection_string", "prod-db", "limit", 10),
                        "SELECT * FROM pg_stat_activity", "12 rows", null, 42L));
    }

    static AuditEvent at(AuditEvent event, Instant when) {
        return new AuditEvent(event.eventId(), when, event.eventType(), event.traceId(), event.parentId(),
                event.actionClass(), event.session(), event.principal(), event.tool(), event.decision(),
                event.outcome(), null, null);
    }
}
