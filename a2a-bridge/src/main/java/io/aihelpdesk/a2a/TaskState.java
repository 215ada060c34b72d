package io.aihelpdesk.a2a;

import java.util.Locale;

/** The A2A task states, with their names in both protocol versions (0.3 {@code input-required}, 1.0 {@code TASK_STATE_INPUT_REQUIRED}). */
public enum TaskState {
    SUBMITTED(false),
    WORKING(false),
    /** The call waits for a human approval; the status message names the approval id. */
    INPUT_REQUIRED(false),
    COMPLETED(true),
    CANCELED(true),
    /** The tool ran (or tried to) and failed, or the arguments were invalid. */
    FAILED(true),
    /** Policy refused the call before anything ran. */
    REJECTED(true);

    private final boolean terminal;

    TaskState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }

    /** {@code input-required} (A2A 0.3). */
    public String v03() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code TASK_STATE_INPUT_REQUIRED} (A2A 1.0). */
    public String v10() {
        return "TASK_STATE_" + name();
    }

    /** Either spelling back to the state; null when it is neither. */
    public static TaskState parse(String wire) {
        if (wire == null) {
            return null;
        }
        for (TaskState s : values()) {
            if (s.v03().equals(wire) || s.v10().equals(wire)) {
                return s;
            }
        }
        return null;
    }
}
