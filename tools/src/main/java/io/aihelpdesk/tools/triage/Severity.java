package io.aihelpdesk.tools.triage;

/**
 * How urgent a finding is, most urgent first; the order findings are reported in. Written to JSON in
 * lower case, as the output schema lists it (the tool mapper writes every enum that way).
 */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** True for what a fresh, idle database must never produce (anything above info). */
    public boolean alarming() {
        return this != INFO;
    }
}
