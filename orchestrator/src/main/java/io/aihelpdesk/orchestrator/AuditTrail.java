package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import java.util.List;

/**
 * Where the chat chains what only it knows — the router's delegation decisions — and reads a
 * question's trail back for {@code /trace}: the server's audit store, directly when the server runs in
 * this process, or through its audit API ({@code POST}/{@code GET /v1/events}) when it is remote.
 */
public interface AuditTrail {
    /** Chains an event; returns its event id. */
    String append(AuditEvent event);

    /** The events of one trace, in chain order. */
    List<AuditEvent> trace(String traceId);

    /** The audit store of a server in this process. */
    static AuditTrail of(AuditStore store) {
        return new AuditTrail() {
            @Override
            public String append(AuditEvent event) {
                return store.append(event).eventId();
            }

            @Override
            public List<AuditEvent> trace(String traceId) {
                return store.query(AuditQuery.all().trace(traceId).limit(AuditQuery.MAX_LIMIT));
            }
        };
    }
}
