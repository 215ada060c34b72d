package io.aihelpdesk.tools.triage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent a finding is, most urgent first; the order findings are reported in. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /**
     * The JSON value: lower case, as the derived output schema declares it (MCP clients validate
     * structured results against that schema; {@code "CRITICAL"} failed validation).
     */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for what a fresh, idle database must never produce (anything above info). */
    public boolean alarming() {
        return this != INFO;
    }
}
