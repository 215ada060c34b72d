package io.aihelpdesk.governance.policy;

import java.util.Locale;

/** The class of a requested operation, as a tool declares it. */
public enum Action {
    READ, WRITE, DESTRUCTIVE;

    /** The spelling used in policy files: {@code read}, {@code write}, {@code destructive}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
