package io.aihelpdesk.server.observe;

import io.aihelpdesk.governance.PipelineObserver;
import io.aihelpdesk.tools.Invocation;
import org.slf4j.MDC;

/**
 * Puts the audit trace id of the running call into the SLF4J MDC as {@code trace_id}, so every
 * log line written during the call (the JSON log format prints it) can be joined with the audit
 * chain and the call's span. A nested call restores its caller's value when it ends.
 */
final class LogContext implements PipelineObserver {
    static final String TRACE_ID = "trace_id";

    @Override
    public Call started(Invocation call) {
        String outer = MDC.get(TRACE_ID);
        MDC.put(TRACE_ID, call.traceId());
        return ended -> {
            if (outer == null) {
                MDC.remove(TRACE_ID);
            } else {
                MDC.put(TRACE_ID, outer);
            }
        };
    }
}
