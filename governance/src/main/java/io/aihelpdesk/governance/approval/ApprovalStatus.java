package io.aihelpdesk.governance.approval;

import java.util.Locale;

/**
 * Where an approval stands. {@code pending} is the only open state; {@code approved} and
 * {@code emergency} (break glass) let the call run; {@code auto_approved} records that the policy
 * allowed a change without asking anyone.
 */
public enum ApprovalStatus {
    PENDING, APPROVED, DENIED, EXPIRED, CANCELLED, AUTO_APPROVED, EMERGENCY;

    /** The wire spelling: {@code pending}, {@code auto_approved}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a call may run under an approval in this state. */
    public boolean grants() {
        return this == APPROVED || this == EMERGENCY || this == AUTO_APPROVED;
    }

    public static ApprovalStatus of(String label) {
        for (ApprovalStatus s : values()) {
            if (s.label().equalsIgnoreCase(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown approval status '" + label + "'; one of pending, approved, denied, "
                + "expired, cancelled, auto_approved, emergency");
    }
}
