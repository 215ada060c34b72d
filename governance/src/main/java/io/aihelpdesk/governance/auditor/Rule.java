package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.util.List;
import java.util.Map;

/** One of the auditor's rules; sees every event in chain order and adds what it finds to {@code out}. */
interface Rule {

    void check(AuditEvent event, List<Alert> out);

    static Alert alert(AuditEvent e, Alert.Level level, String rule, String message, Map<String, Object> details) {
        return new Alert(level, rule, message, e.eventId(), e.traceId(), e.timestamp(), details);
    }

    static String toolName(AuditEvent e) {
        return e.tool() == null ? null : e.tool().name();
    }
}
