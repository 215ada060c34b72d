package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Outcome;
import java.util.Map;

/** How the engine runs a tool: through the caller's governance (policy and audit apply to every step). */
@FunctionalInterface
public interface ToolCalls {
    Outcome call(String tool, Map<String, Object> arguments);
}
