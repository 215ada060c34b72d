package io.aihelpdesk.tools;

import java.util.Objects;

/**
 * Why a call failed, stated for the person who has to fix it: a stable code, what happened, what to
 * do next, and the SQLState (or other upstream code) when there is one.
 */
public record Diagnosis(String code, String message, String hint, String sqlState) {
    public Diagnosis {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
        sqlState = sqlState == null ? "" : sqlState;
    }

    /** One line: message, the advice, and the code in parentheses. */
    public String render() {
        StringBuilder s = new StringBuilder(message);
        if (!hint.isEmpty()) {
            s.append(" — ").append(hint);
        }
        s.append(" (").append(sqlState.isEmpty() ? code : sqlState).append(')');
        return s.toString();
    }
}
